package io.consentmesh.contracts.dsar;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import io.consentmesh.contracts.privacy.Personal;
import io.consentmesh.contracts.privacy.PersonalKind;
import java.time.Instant;

/**
 * dsar-service asks the tenant's messaging to text a person the one-time code that proves they control the number a
 * data-subject request names. Like the consent replies, the number and text are in clear for the sender: the topic
 * keeps them 7 days, and the code is useless after {@code notAfter}. The id derives from the request and the send's
 * number, so a repeat has one effect.
 *
 * @param language the language the text was written in (en, es)
 * @param notAfter the code's expiry: the sender must not send the text after it
 */
public record VerificationSmsRequested(
        String smsId,
        String requestId,
        @Personal(PersonalKind.PHONE_NUMBER) String to,
        @Personal(PersonalKind.MESSAGE_BODY) String body,
        String language,
        Instant requestedAt,
        Instant notAfter) {

    public VerificationSmsRequested {
        text(smsId, "smsId");
        text(requestId, "requestId");
        text(to, "to");
        text(body, "body");
        text(language, "language");
        value(requestedAt, "requestedAt");
        value(notAfter, "notAfter");
    }
}
