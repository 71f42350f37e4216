package io.consentmesh.consent.authorization;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The answer to an {@link AuthorizationRequest}; stored and returned.
 *
 * @param evidenceIds the ledger records the decision relied on
 */
public record AuthorizationDecision(
        UUID decisionId,
        Outcome outcome,
        List<Reason> reasons,
        String ruleSetVersion,
        List<UUID> evidenceIds,
        Instant decidedAt) {}
