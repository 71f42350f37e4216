package io.consentmesh.contracts.telephony;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import io.consentmesh.contracts.privacy.Personal;
import io.consentmesh.contracts.privacy.PersonalKind;
import java.time.Instant;

/**
 * A call moved to a new state.
 *
 * @param callId the provider's call id (Twilio CallSid, Telnyx call_session_id)
 * @param from the calling party, E.164
 * @param to the called party, E.164
 * @param sequenceNumber the provider's callback sequence number when it sends one, so late callbacks can be ordered
 * @param decisionId for an outbound call, the consent decision the tenant placed it under, when it passed the id (a
 *     {@code decisionId} parameter on the status callback URL, or Telnyx {@code client_state}), else null
 */
public record CallStatusChanged(
        String callId,
        Provider provider,
        String providerAccountId,
        CallDirection direction,
        @Personal(PersonalKind.PHONE_NUMBER) String from,
        @Personal(PersonalKind.PHONE_NUMBER) String to,
        CallStatus status,
        Long sequenceNumber,
        Instant occurredAt,
        String decisionId) {

    /** A status that names no decision (an outbound call is matched to one by caller, called party and time). */
    public CallStatusChanged(
            String callId,
            Provider provider,
            String providerAccountId,
            CallDirection direction,
            String from,
            String to,
            CallStatus status,
            Long sequenceNumber,
            Instant occurredAt) {
        this(callId, provider, providerAccountId, direction, from, to, status, sequenceNumber, occurredAt, null);
    }

    public CallStatusChanged {
        text(callId, "callId");
        value(provider, "provider");
        text(providerAccountId, "providerAccountId");
        value(direction, "direction");
        text(from, "from");
        text(to, "to");
        value(status, "status");
        value(occurredAt, "occurredAt");
    }
}
