package io.consentmesh.consent.authorization;

import io.consentmesh.consent.authorization.rules.ContentClass;
import io.consentmesh.consent.authorization.rules.ReasonCode;
import io.consentmesh.contracts.consent.DecisionOutcome;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The answer to an {@link AuthorizationRequest}; stored, published and returned.
 *
 * @param deferUntil with DEFER, the first instant the send is allowed; otherwise null
 * @param rules the rule ids that decided (G-04, T-FL, ...)
 * @param evidenceIds the ledger records the decision relied on
 * @param campaignId the sender's 10DLC campaign, when it is on one
 * @param decidedFor the instant the rules were applied to: the planned send time, or now
 * @param validUntil with ALLOW, the instant from which it no longer holds (a send at or after it needs a new
 *     authorization); otherwise null
 */
public record AuthorizationDecision(
        UUID decisionId,
        DecisionOutcome outcome,
        Instant deferUntil,
        List<ReasonCode> reasons,
        List<String> rules,
        String ruleSetVersion,
        List<UUID> evidenceIds,
        ContentClass contentClass,
        String campaignId,
        Instant decidedFor,
        Instant decidedAt,
        Instant validUntil) {}
