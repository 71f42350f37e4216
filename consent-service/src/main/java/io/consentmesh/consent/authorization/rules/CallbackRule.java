package io.consentmesh.consent.authorization.rules;

import java.time.Duration;
import java.time.Instant;

/**
 * A requested callback is the person's permission for that one call (T-US "prior invitation or permission"), inside
 * a window around the time they asked for: from {@code before} ahead of it until {@code after} past it, or, when they
 * named no time, from their request until {@code withoutPreferredTime} later. Data of the rule set, so that a change
 * of window is a new version.
 *
 * @param rule the rule id the decisions name (CB-01)
 */
public record CallbackRule(String rule, Duration before, Duration after, Duration withoutPreferredTime) {

    /** The first instant the call may be made. */
    public Instant opens(Instant requestedAt, Instant preferredAt) {
        return preferredAt == null ? requestedAt : max(requestedAt, preferredAt.minus(before));
    }

    /** The instant from which the permission has lapsed. */
    public Instant closes(Instant requestedAt, Instant preferredAt) {
        return preferredAt == null ? requestedAt.plus(withoutPreferredTime) : preferredAt.plus(after);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
