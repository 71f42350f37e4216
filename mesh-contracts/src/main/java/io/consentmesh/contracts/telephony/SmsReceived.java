package io.consentmesh.contracts.telephony;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import io.consentmesh.contracts.privacy.Personal;
import io.consentmesh.contracts.privacy.PersonalKind;
import java.time.Instant;

/**
 * A consumer texted one of the tenant's numbers.
 *
 * @param messageId the provider's message id (Twilio MessageSid, Telnyx message id), kept for tracing
 * @param from the consumer's number, E.164
 * @param to the tenant's number, E.164
 * @param body the message text as received (may be empty for media-only messages)
 * @param optOutType the provider's own keyword verdict when it sends one (Twilio Advanced Opt-Out), else null
 */
public record SmsReceived(
        String messageId,
        Provider provider,
        String providerAccountId,
        @Personal(PersonalKind.PHONE_NUMBER) String from,
        String to,
        @Personal(PersonalKind.MESSAGE_BODY) String body,
        Integer segmentCount,
        String optOutType,
        Instant receivedAt) {

    public SmsReceived {
        text(messageId, "messageId");
        value(provider, "provider");
        text(providerAccountId, "providerAccountId");
        text(from, "from");
        text(to, "to");
        value(body, "body");
        value(receivedAt, "receivedAt");
    }
}
