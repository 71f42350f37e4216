package io.consentmesh.security.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.security.SecurityConfig;
import io.consentmesh.security.store.SecurityStore;
import io.consentmesh.testkit.MutableClock;
import io.consentmesh.testkit.infra.TestDatabase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cost of a busy client: against a real PostgreSQL, how many slow (PBKDF2) checks a key costs when many requests
 * present it at once, and again after the key's row was reloaded.
 */
class ApiKeysTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static TestDatabase database;
    private static Pool pool;

    @BeforeAll
    static void database() {
        database = TestDatabase.start();
        pool = database.pool();
        new SecurityStore(pool, config()).migrate().await().atMost(WAIT);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void concurrentRequestsWithOneKeyShareOneSlowCheckAndTheRowReloadCostsNone() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-06T12:00:00Z"));
        ApiKeys keys = new ApiKeys(new SecurityStore(pool, config()), config(), clock);
        ApiKeys.Issued issued = keys.create("acme", "load", List.of("sender"), null, "test")
                .await()
                .atMost(WAIT);
        long before = keys.slowChecks.get();

        assertThat(authenticateAtOnce(keys, issued.token(), 200)).allMatch(Optional::isPresent);
        assertThat(keys.slowChecks.get() - before).isEqualTo(1);

        // past verified-ttl the row is read again (a revocation would show), the secret is not hashed again
        clock.advance(Duration.ofSeconds(30));
        assertThat(authenticateAtOnce(keys, issued.token(), 200)).allMatch(Optional::isPresent);
        assertThat(keys.slowChecks.get() - before).isEqualTo(1);

        // a wrong secret is refused, its concurrent copies sharing one check too
        ApiKeyToken wrong =
                new ApiKeyToken(issued.token().keyId(), issued.token().secret() + "x");
        assertThat(authenticateAtOnce(keys, wrong, 50)).allMatch(Optional::isEmpty);
        assertThat(keys.slowChecks.get() - before).isBetween(2L, 3L);
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceDespiteTheRememberedCheck() {
        ApiKeys keys = new ApiKeys(new SecurityStore(pool, config()), config(), Clock.systemUTC());
        ApiKeys.Issued issued = keys.create("acme", "soon revoked", List.of("sender"), null, "test")
                .await()
                .atMost(WAIT);
        assertThat(keys.authenticate(issued.token()).await().atMost(WAIT)).isPresent();

        keys.revoke("acme", issued.key().keyId()).await().atMost(WAIT);

        assertThat(keys.authenticate(issued.token()).await().atMost(WAIT)).isEmpty();
    }

    private static List<Optional<ApiKey>> authenticateAtOnce(ApiKeys keys, ApiKeyToken token, int requests) {
        List<Uni<Optional<ApiKey>>> all = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            all.add(keys.authenticate(token));
        }
        return Uni.join().all(all).andFailFast().await().atMost(WAIT);
    }

    private static SecurityConfig config() {
        return new SecurityConfig() {
            @Override
            public boolean adminApi() {
                return false;
            }

            @Override
            public Store store() {
                return Optional::empty;
            }

            @Override
            public ApiKeys apiKeys() {
                return new ApiKeys() {
                    @Override
                    public Duration verifiedTtl() {
                        return Duration.ofSeconds(10);
                    }

                    @Override
                    public Duration verifiedSecretTtl() {
                        return Duration.ofMinutes(15);
                    }

                    @Override
                    public int verifiedMaxKeys() {
                        return 100;
                    }

                    @Override
                    public int hashIterations() {
                        return 100_000; // slow enough that 200 concurrent requests overlap one check
                    }

                    @Override
                    public Optional<String> bootstrapPlatformAdmin() {
                        return Optional.empty();
                    }
                };
            }

            @Override
            public Oidc oidc() {
                return () -> "tenant_id";
            }
        };
    }
}
