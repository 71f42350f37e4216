package io.consentmesh.contracts.consent;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import java.time.Instant;
import java.util.List;

/**
 * consent-service answered a pre-send authorization. Every decision is published, so an auditor can see from the log
 * alone what the mesh knew and answered at that moment, and re-check it later under the rules of its day.
 *
 * @param decisionId the id the API returned to the caller
 * @param channel SMS or VOICE
 * @param sender the tenant's sending number (E.164)
 * @param outcome ALLOW, DENY or DEFER
 * @param deferUntil with DEFER, the first instant at which the send would be allowed; otherwise null
 * @param reasons the rule engine's reason codes, in the order the rules ran
 * @param ruleSetVersion the version of the rules that decided
 * @param evidenceIds the consent-ledger records the decision relied on
 * @param contentClass what the message or call is for (conversational, transactional, marketing), when given
 * @param campaignId the sender's 10DLC campaign, when it has one
 * @param validUntil with ALLOW, the instant from which it no longer holds (absent from decisions made before it was
 *     recorded, and for DENY and DEFER)
 */
public record AuthorizationDecided(
        String decisionId,
        String channel,
        String sender,
        DecisionOutcome outcome,
        Instant deferUntil,
        List<String> reasons,
        String ruleSetVersion,
        List<String> evidenceIds,
        String contentClass,
        String campaignId,
        Instant decidedAt,
        Instant validUntil) {

    public AuthorizationDecided {
        text(decisionId, "decisionId");
        text(channel, "channel");
        text(sender, "sender");
        value(outcome, "outcome");
        if ((outcome == DecisionOutcome.DEFER) != (deferUntil != null)) {
            throw new IllegalArgumentException("deferUntil is given exactly when the outcome is DEFER");
        }
        reasons = List.copyOf(value(reasons, "reasons"));
        text(ruleSetVersion, "ruleSetVersion");
        evidenceIds = List.copyOf(value(evidenceIds, "evidenceIds"));
        value(decidedAt, "decidedAt");
        if (validUntil != null && outcome != DecisionOutcome.ALLOW) {
            throw new IllegalArgumentException("validUntil is given only with ALLOW");
        }
    }
}
