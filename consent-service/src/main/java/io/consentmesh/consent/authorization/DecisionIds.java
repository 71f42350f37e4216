package io.consentmesh.consent.authorization;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decision ids are time-ordered UUIDs (version 7, RFC 9562): thousands of decisions a second go into the decision
 * table's primary key, and random (version 4) ids scattered them over the whole index, dirtying a page per row where
 * ordered ids fill its right-most pages. 74 random bits keep ids unique; they are not secrets (the audit API checks
 * the tenant).
 */
final class DecisionIds {

    private DecisionIds() {}

    static UUID next(Instant at) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (at.toEpochMilli() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
