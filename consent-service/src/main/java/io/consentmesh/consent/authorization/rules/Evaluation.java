package io.consentmesh.consent.authorization.rules;

import io.consentmesh.contracts.consent.DecisionOutcome;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The rules' answer for one intended contact.
 *
 * @param deferUntil for DEFER, the earliest instant allowed in every candidate location; null otherwise
 * @param reasons for DENY every failing reason (DENY ones first, then any DEFER ones); for DEFER the hours that
 *     failed; for ALLOW what allowed it
 * @param evidenceIds the records relied on: for DENY those that deny (revocation, do-not-contact entry, DSAR
 *     restriction, the too-weak consent), otherwise those that allow (consent, inbound message, callback request)
 * @param ruleSetVersion the version of the rule set that decided
 * @param rules the precise rule ids that decided (e.g. {@code G-04}, {@code T-FL}, {@code T-US})
 * @param validUntil for ALLOW, the instant from which it no longer holds: the rule set's longest validity, or sooner
 *     when a ground lapses first (consent expiry, the end of the conversation or callback window, the recipient's
 *     calling hours closing); null otherwise
 */
public record Evaluation(
        DecisionOutcome outcome,
        Instant deferUntil,
        List<ReasonCode> reasons,
        List<UUID> evidenceIds,
        String ruleSetVersion,
        List<String> rules,
        Instant validUntil) {}
