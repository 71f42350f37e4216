package io.consentmesh.dsar.clock;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** When the answer to a request is due. Pure Java, so the replay audit recomputes every deadline the same way. */
public final class DsarClock {

    private DsarClock() {}

    public static Instant dueAt(Jurisdiction jurisdiction, Instant receivedAt) {
        return switch (jurisdiction) {
            case DEFAULT -> receivedAt.plus(30, ChronoUnit.DAYS);
            // "one month" is a calendar month: 31 January plus one month is 28 (or 29) February
            case GDPR -> receivedAt.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
            case CCPA -> receivedAt.plus(45, ChronoUnit.DAYS);
        };
    }
}
