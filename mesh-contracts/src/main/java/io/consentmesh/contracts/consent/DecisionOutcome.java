package io.consentmesh.contracts.consent;

/** What an authorization answered. */
public enum DecisionOutcome {
    ALLOW,
    DENY,
    /** Not now: allowed from the decision's {@code deferUntil} (quiet hours, frequency caps). */
    DEFER
}
