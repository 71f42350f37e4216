package io.consentmesh.contracts.consent;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import io.consentmesh.contracts.privacy.Personal;
import io.consentmesh.contracts.privacy.PersonalKind;
import java.time.Instant;

/**
 * consent-service asks the tenant's messaging to send a reply to a person who texted a keyword: the help text of the
 * campaign behind the number they texted (KW-03), or the one opt-out confirmation (KW-08). The sender must not send it
 * after {@code notAfter}; the reply's id derives from the person's message, so a repeat has one effect.
 *
 * @param replyId stable per person's message and kind
 * @param kind HELP or OPT_OUT_CONFIRMATION; in version 2 also OPT_IN_CONFIRMATION (a keyword opt-in confirmed)
 * @param from the tenant's number the person texted (reply from the same number)
 * @param to the person's number
 * @param body the text to send
 * @param inReplyTo the id of the person's inbound message event
 * @param campaignId the campaign whose text is used, when the number is on one
 * @param notAfter the latest instant the reply may go out (5 minutes after the opt-out for a confirmation)
 */
public record ReplyRequested(
        String replyId,
        String kind,
        String from,
        @Personal(PersonalKind.PHONE_NUMBER) String to,
        @Personal(PersonalKind.MESSAGE_BODY) String body,
        String inReplyTo,
        String campaignId,
        Instant requestedAt,
        Instant notAfter) {

    public ReplyRequested {
        text(replyId, "replyId");
        text(kind, "kind");
        text(from, "from");
        text(to, "to");
        text(body, "body");
        text(inReplyTo, "inReplyTo");
        value(requestedAt, "requestedAt");
        value(notAfter, "notAfter");
    }
}
