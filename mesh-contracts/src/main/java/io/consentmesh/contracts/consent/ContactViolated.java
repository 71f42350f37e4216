package io.consentmesh.contracts.consent;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import io.consentmesh.contracts.telephony.Provider;
import java.time.Instant;
import java.util.List;

/**
 * consent-service matched a message the tenant sent, or a call it placed, to its consent decisions and found the
 * contact was not allowed: made with no ALLOW, after a DENY, outside a DEFER's window, outside the ALLOW's validity,
 * or with an ALLOW another contact had already used. Published to {@code consent.violation.v1}; the finding is in
 * the consent ledger as evidence ({@code evidenceId}), with the provider's status event that showed the contact.
 *
 * @param violation NO_DECISION, SENT_AFTER_DENY, SENT_OUTSIDE_DEFER_WINDOW, SENT_BEFORE_PLANNED_TIME,
 *     SENT_AFTER_VALIDITY, DECISION_ALREADY_USED or DECISION_FOR_ANOTHER_CONTACT
 * @param channel SMS or VOICE
 * @param reference the provider's message or call id
 * @param sender the tenant's number the contact was made from
 * @param decisionId the decision the contact was matched to, or null when none was found
 * @param decisionOutcome that decision's outcome (ALLOW, DENY, DEFER), or null
 * @param decisionReasons that decision's reason codes (empty when none)
 * @param statusEventId the id of the status event that showed the contact
 * @param evidenceId the ledger record of this finding
 */
public record ContactViolated(
        String violation,
        String channel,
        Provider provider,
        String reference,
        String sender,
        Instant contactedAt,
        String decisionId,
        String decisionOutcome,
        List<String> decisionReasons,
        String statusEventId,
        String evidenceId,
        Instant decidedAt) {

    public ContactViolated {
        text(violation, "violation");
        text(channel, "channel");
        value(provider, "provider");
        text(reference, "reference");
        text(sender, "sender");
        value(contactedAt, "contactedAt");
        decisionReasons = List.copyOf(value(decisionReasons, "decisionReasons"));
        text(statusEventId, "statusEventId");
        text(evidenceId, "evidenceId");
        value(decidedAt, "decidedAt");
    }
}
