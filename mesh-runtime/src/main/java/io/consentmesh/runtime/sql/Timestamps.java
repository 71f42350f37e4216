package io.consentmesh.runtime.sql;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants as the reactive PostgreSQL client binds them to {@code timestamptz} (an offset date-time, in UTC) and reads
 * them back.
 */
public final class Timestamps {

    private Timestamps() {}

    /** @return the instant at UTC, or null for null (an absent optional column) */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** @return the instant of a {@code timestamptz} column as the client reads it, or null for SQL NULL */
    public static Instant instant(OffsetDateTime timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
