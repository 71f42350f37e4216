package io.consentmesh.contracts.telephony;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import io.consentmesh.contracts.privacy.Personal;
import io.consentmesh.contracts.privacy.PersonalKind;
import java.time.Instant;

/**
 * An outbound message the tenant sent moved to a new delivery state.
 *
 * @param from the tenant's sending number, E.164
 * @param to the person's number, E.164
 * @param errorCode the provider's error code when the message failed (e.g. Twilio 21610, 30034), else null
 * @param recipientOptedOut true when the provider refused the send because the person had opted out at the carrier or
 *     provider (Twilio 21610): evidence that a send was attempted after a STOP
 * @param decisionId the consent decision the tenant sent this message under, when it passed the id with the send (a
 *     {@code decisionId} parameter on the status callback URL, or a Telnyx tag {@code decision:<id>}), else null
 */
public record MessageStatusChanged(
        String messageId,
        Provider provider,
        String providerAccountId,
        String from,
        @Personal(PersonalKind.PHONE_NUMBER) String to,
        MessageStatus status,
        String errorCode,
        boolean recipientOptedOut,
        Instant occurredAt,
        String decisionId) {

    /** A status that names no decision (the send is matched to one by sender, recipient and time). */
    public MessageStatusChanged(
            String messageId,
            Provider provider,
            String providerAccountId,
            String from,
            String to,
            MessageStatus status,
            String errorCode,
            boolean recipientOptedOut,
            Instant occurredAt) {
        this(messageId, provider, providerAccountId, from, to, status, errorCode, recipientOptedOut, occurredAt, null);
    }

    public MessageStatusChanged {
        text(messageId, "messageId");
        value(provider, "provider");
        text(providerAccountId, "providerAccountId");
        text(from, "from");
        text(to, "to");
        value(status, "status");
        value(occurredAt, "occurredAt");
    }
}
