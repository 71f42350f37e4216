package io.consentmesh.consent.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DecisionIdsTest {

    @Test
    void idsAreVersion7WithTheDecisionMillisecondFirstSoLaterDecisionsSortAfter() {
        Instant at = Instant.parse("2026-12-05T21:30:00.123Z");
        UUID id = DecisionIds.next(at);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2); // RFC 9562
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli());
        // PostgreSQL orders uuids byte by byte, as the string form sorts
        assertThat(DecisionIds.next(at.plusMillis(1)).toString()).isGreaterThan(id.toString());
    }

    @Test
    void idsOfOneMillisecondAreStillUnique() {
        Instant at = Instant.parse("2026-12-05T21:30:00Z");
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(DecisionIds.next(at));
        }
        assertThat(ids).hasSize(100_000);
    }
}
