package io.consentmesh.runtime.sql;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants as the reactive PostgreSQL client binds them to {@code timestamptz}: an offset date-time, in UTC. */
public final class Timestamps {

    private Timestamps() {}

    /** @return the instant at UTC, or null for null (an absent optional column) */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
