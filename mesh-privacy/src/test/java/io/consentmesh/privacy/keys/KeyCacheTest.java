package io.consentmesh.privacy.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.runtime.chain.SubjectRef;
import io.consentmesh.testkit.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyCacheTest {

    private static DataKey key(String subject) {
        return new DataKey(UUID.randomUUID(), new SubjectRef("t", subject), new byte[32]);
    }

    @Test
    void holdsAtMostItsCapacityDroppingTheLeastRecentlyUsed() {
        KeyCache<String> cache = new KeyCache<>(2, Duration.ofMinutes(1), Clock.systemUTC());
        cache.put("a", key("a"));
        cache.put("b", key("b"));
        cache.get("a");
        cache.put("c", key("c"));

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("a")).isPresent();
        assertThat(cache.get("b")).isEmpty();
        assertThat(cache.get("c")).isPresent();
    }

    @Test
    void forgetsAKeyOnceItsTimeIsUp() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-06T12:00:00Z"));
        KeyCache<String> cache = new KeyCache<>(10, Duration.ofSeconds(60), clock);
        cache.put("a", key("a"));

        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.get("a")).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("a")).isEmpty();
    }

    @Test
    void aZeroSizeOrZeroTtlCacheKeepsNothing() {
        KeyCache<String> none = new KeyCache<>(0, Duration.ofSeconds(60), Clock.systemUTC());
        none.put("a", key("a"));
        assertThat(none.get("a")).isEmpty();
        KeyCache<String> instant = new KeyCache<>(10, Duration.ZERO, Clock.systemUTC());
        instant.put("a", key("a"));
        assertThat(instant.get("a")).isEmpty();
    }
}
