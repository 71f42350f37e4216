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
        Instant occurredAt) {

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
