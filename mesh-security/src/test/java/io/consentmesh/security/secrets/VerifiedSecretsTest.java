package io.consentmesh.security.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerifiedSecretsTest {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final String HASH = "pbkdf2-sha256$1000$c2FsdA$aGFzaA";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final VerifiedSecrets memo = new VerifiedSecrets(TTL, 3, clock);

    @Test
    void aRememberedVerificationHoldsForThatSecretAndHashOnly() {
        memo.remember("key-1", "secret", HASH);

        assertThat(memo.recentlyVerified("key-1", "secret", HASH)).isTrue();
        assertThat(memo.recentlyVerified("key-1", "other", HASH)).isFalse();
        assertThat(memo.recentlyVerified("key-1", "secret", HASH + "x")).isFalse(); // the key got a new hash
        assertThat(memo.recentlyVerified("key-2", "secret", HASH)).isFalse();
    }

    @Test
    void nothingIsRememberedUntilAVerificationIs() {
        assertThat(memo.recentlyVerified("key-1", "secret", HASH)).isFalse();
    }

    @Test
    void aVerificationExpiresAfterItsTtl() {
        memo.remember("key-1", "secret", HASH);

        clock.advance(TTL.minusSeconds(1));
        assertThat(memo.recentlyVerified("key-1", "secret", HASH)).isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(memo.recentlyVerified("key-1", "secret", HASH)).isFalse();
    }

    @Test
    void forgettingAKeyTakesEffectAtOnce() {
        memo.remember("key-1", "secret", HASH);
        memo.remember("key-2", "secret", HASH);

        memo.forget("key-1");

        assertThat(memo.recentlyVerified("key-1", "secret", HASH)).isFalse();
        assertThat(memo.recentlyVerified("key-2", "secret", HASH)).isTrue();
    }

    @Test
    void theMemoIsBoundedAndDropsTheLeastRecentlyUsedKey() {
        memo.remember("key-1", "s", HASH);
        memo.remember("key-2", "s", HASH);
        memo.remember("key-3", "s", HASH);
        assertThat(memo.recentlyVerified("key-1", "s", HASH)).isTrue(); // key-2 is now the eldest

        memo.remember("key-4", "s", HASH);

        assertThat(memo.recentlyVerified("key-2", "s", HASH)).isFalse();
        assertThat(memo.recentlyVerified("key-1", "s", HASH)).isTrue();
        assertThat(memo.recentlyVerified("key-3", "s", HASH)).isTrue();
        assertThat(memo.recentlyVerified("key-4", "s", HASH)).isTrue();
    }

    @Test
    void theFingerprintDependsOnTheKeyIdAndIsNotTheSecret() {
        byte[] fingerprint = SecretHash.fingerprint("key-1", "secret");

        assertThat(fingerprint).hasSize(32);
        assertThat(fingerprint).isNotEqualTo(SecretHash.fingerprint("key-2", "secret"));
        // the separator keeps ("key-1", "0secret") apart from ("key-10", "secret")
        assertThat(SecretHash.fingerprint("key-1", "0secret")).isNotEqualTo(SecretHash.fingerprint("key-10", "secret"));
    }
}
