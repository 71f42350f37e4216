package io.consentmesh.security.secrets;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers, for a short time and a bounded number of keys, that a presented secret matched its slow hash, so that a
 * busy client pays PBKDF2 once per {@code ttl} rather than on every request. Only a SHA-256 fingerprint of the
 * presented secret is kept. A revocation or a new hash for a key id is honoured at once by {@link #forget}; on other
 * instances within {@code ttl}.
 */
public final class VerifiedSecrets {

    private record Entry(byte[] fingerprint, String storedHash, long until) {}

    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry> entries;

    public VerifiedSecrets(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** True when this secret was verified against this very hash less than {@code ttl} ago. */
    public synchronized boolean recentlyVerified(String keyId, String secret, String storedHash) {
        Entry entry = entries.get(keyId);
        if (entry == null || entry.until < clock.millis() || !entry.storedHash.equals(storedHash)) {
            return false;
        }
        return Arrays.equals(entry.fingerprint, SecretHash.fingerprint(keyId, secret));
    }

    public synchronized void remember(String keyId, String secret, String storedHash) {
        entries.put(
                keyId, new Entry(SecretHash.fingerprint(keyId, secret), storedHash, clock.millis() + ttl.toMillis()));
    }

    public synchronized void forget(String keyId) {
        entries.remove(keyId);
    }
}
