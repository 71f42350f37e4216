package io.consentmesh.privacy.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Unwrapped keys kept briefly: at most {@code capacity} (least recently used leave first), each for at most {@code ttl}
 * — which also bounds how long another process may still open an erased subject's data after the shred.
 */
final class KeyCache<K> {

    private record Held(DataKey key, Instant until) {}

    private final int capacity;
    private final Duration ttl;
    private final Clock clock;
    private final LinkedHashMap<K, Held> entries;

    KeyCache(int capacity, Duration ttl, Clock clock) {
        this.capacity = capacity;
        this.ttl = ttl;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Held> eldest) {
                return size() > KeyCache.this.capacity;
            }
        };
    }

    synchronized Optional<DataKey> get(K id) {
        Held held = entries.get(id);
        if (held == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(held.until())) {
            entries.remove(id);
            return Optional.empty();
        }
        return Optional.of(held.key());
    }

    synchronized void put(K id, DataKey key) {
        if (capacity > 0 && !ttl.isZero()) {
            entries.put(id, new Held(key, clock.instant().plus(ttl)));
        }
    }

    synchronized void removeIf(Predicate<DataKey> erased) {
        entries.values().removeIf(held -> erased.test(held.key()));
    }

    synchronized int size() {
        return entries.size();
    }
}
