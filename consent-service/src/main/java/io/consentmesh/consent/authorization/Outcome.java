package io.consentmesh.consent.authorization;

public enum Outcome {
    ALLOW,
    DENY,
    /** Not now: allowed from {@code deferUntil} (quiet hours, frequency caps). */
    DEFER
}
