package io.consentmesh.consent.authorization.rules;

import java.time.Duration;

/** At most {@code max} contacts per subject in any rolling {@code window} (TZ-04), set by {@code rule}. */
record CapRule(String rule, int max, Duration window) {}
