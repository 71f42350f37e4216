package io.consentmesh.consent.authorization.rules;

import java.time.Instant;

/** A stored rule-set version, as listed by {@code GET /v1/rule-sets}. */
public record RuleSetSummary(String version, Instant effectiveFrom, Instant createdAt) {}
