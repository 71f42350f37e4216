package io.consentmesh.security.apikeys;

import io.consentmesh.runtime.sql.Timestamps;
import io.consentmesh.security.Roles;
import io.consentmesh.security.SecurityConfig;
import io.consentmesh.security.secrets.SecretHash;
import io.consentmesh.security.secrets.VerifiedSecrets;
import io.consentmesh.security.store.SecurityStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Per-tenant API keys in the shared security schema. A key's row is remembered for {@code verified-ttl}, so a
 * revocation made here takes effect here at once and on other instances within that interval; a successful PBKDF2
 * check of a secret against an unchanged hash is remembered for {@code verified-secret-ttl}, and concurrent requests
 * presenting the same unverified secret share one check, so a busy client costs one slow hash, not a burst of them.
 */
@Singleton
public class ApiKeys {

    /** A key just made or rotated, with the only copy of its secret. */
    public record Issued(ApiKey key, ApiKeyToken token) {}

    private record Stored(ApiKey key, String secretHash, long loadedAtMillis) {}

    private static final String COLUMNS =
            "key_id, tenant_id, name, roles, created_at, created_by, expires_at, revoked_at, rotated_to";
    private static final String TABLE = SecurityStore.SCHEMA + ".api_key";
    private static final int MAX_REMEMBERED_ROWS = 10_000;

    private final SecurityStore store;
    private final VerifiedSecrets verified;
    private final Duration ttl;
    private final int iterations;
    private final Clock clock;
    private final Map<String, Stored> rows = new ConcurrentHashMap<>();
    /** Checks under way, by key id, presented secret and stored hash: the requests that arrive meanwhile wait on it. */
    private final Map<String, Uni<Boolean>> checking = new ConcurrentHashMap<>();
    /** Slow hashes computed to check presented secrets (for tests: what the memory and the sharing saved). */
    final AtomicLong slowChecks = new AtomicLong();

    @Inject
    ApiKeys(SecurityStore store, SecurityConfig config) {
        this(store, config, Clock.systemUTC());
    }

    ApiKeys(SecurityStore store, SecurityConfig config, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.ttl = config.apiKeys().verifiedTtl();
        this.iterations = config.apiKeys().hashIterations();
        this.verified = new VerifiedSecrets(
                config.apiKeys().verifiedSecretTtl(), config.apiKeys().verifiedMaxKeys(), clock);
    }

    /** The key a presented token names, when it exists, is valid now and its secret matches. */
    public Uni<Optional<ApiKey>> authenticate(ApiKeyToken token) {
        return stored(token.keyId()).chain(found -> {
            if (found.isEmpty() || !found.get().key().validAt(clock.instant())) {
                return Uni.createFrom().item(Optional.<ApiKey>empty());
            }
            Stored key = found.get();
            if (verified.recentlyVerified(token.keyId(), token.secret(), key.secretHash())) {
                return Uni.createFrom().item(Optional.of(key.key()));
            }
            return check(token, key.secretHash())
                    .map(matches -> matches ? Optional.of(key.key()) : Optional.<ApiKey>empty());
        });
    }

    /**
     * One PBKDF2 check per distinct (key, secret, hash) at a time, off the event loop (it is deliberately slow). A
     * finished check is remembered before it leaves {@code checking}, so deciding under the map's lock whether to join
     * a check, trust a just-finished one or start one cannot miss both (a request that read "not verified yet" while
     * the check was finishing would otherwise start a second one).
     */
    private Uni<Boolean> check(ApiKeyToken token, String secretHash) {
        String id = token.keyId() + '/' + SecretHash.fingerprintHex(token.keyId(), token.secret()) + '/' + secretHash;
        AtomicReference<Uni<Boolean>> decided = new AtomicReference<>();
        checking.compute(id, (ignored, inFlight) -> {
            if (inFlight != null) {
                decided.set(inFlight);
                return inFlight;
            }
            if (verified.recentlyVerified(token.keyId(), token.secret(), secretHash)) {
                decided.set(Uni.createFrom().item(true));
                return null;
            }
            Uni<Boolean> started = Uni.createFrom()
                    .item(() -> {
                        slowChecks.incrementAndGet();
                        return SecretHash.matches(token.secret(), secretHash);
                    })
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .invoke(matches -> {
                        if (matches) {
                            verified.remember(token.keyId(), token.secret(), secretHash);
                        }
                    })
                    .onTermination()
                    .invoke(() -> checking.remove(id))
                    .memoize()
                    .indefinitely();
            decided.set(started);
            return started;
        });
        return decided.get();
    }

    public Uni<Issued> create(String tenantId, String name, List<String> roles, Instant expiresAt, String createdBy) {
        ApiKeyToken token = ApiKeyToken.generate();
        return hash(token)
                .chain(hash -> insert(store.pool(), token, hash, tenantId, name, roles, expiresAt, createdBy))
                .map(key -> new Issued(key, token));
    }

    public Uni<List<ApiKey>> list(String tenantId) {
        return store.pool()
                .preparedQuery(
                        "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE tenant_id = $1 ORDER BY created_at, key_id")
                .execute(Tuple.of(tenantId))
                .map(rows -> {
                    List<ApiKey> keys = new ArrayList<>();
                    rows.forEach(row -> keys.add(key(row)));
                    return keys;
                });
    }

    public Uni<Optional<ApiKey>> find(String tenantId, String keyId) {
        return store.pool()
                .preparedQuery("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE key_id = $1 AND tenant_id = $2")
                .execute(Tuple.of(keyId, tenantId))
                .map(rows -> rows.rowCount() == 0
                        ? Optional.empty()
                        : Optional.of(key(rows.iterator().next())));
    }

    /** Ends a key now. False when the tenant has no such key (or it was already revoked). */
    public Uni<Boolean> revoke(String tenantId, String keyId) {
        return store.pool()
                .preparedQuery("UPDATE " + TABLE + " SET revoked_at = now()"
                        + " WHERE key_id = $1 AND tenant_id = $2 AND revoked_at IS NULL")
                .execute(Tuple.of(keyId, tenantId))
                .invoke(() -> forget(keyId))
                .map(result -> result.rowCount() == 1);
    }

    /**
     * A new key with the old one's tenant, name and roles; the old one stays valid for {@code grace} (or until its own
     * expiry, if sooner), so clients can switch without an outage. Empty when the tenant has no such valid key.
     */
    public Uni<Optional<Issued>> rotate(String tenantId, String keyId, Duration grace, Instant expiresAt, String by) {
        ApiKeyToken token = ApiKeyToken.generate();
        Instant oldEnds = clock.instant().plus(grace);
        return hash(token)
                .chain(hash -> store.pool().withTransaction(connection -> connection
                        .preparedQuery("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE key_id = $1 AND tenant_id = $2"
                                + " AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) FOR UPDATE")
                        .execute(Tuple.of(keyId, tenantId))
                        .chain(rows -> {
                            if (rows.rowCount() == 0) {
                                return Uni.createFrom().item(Optional.<Issued>empty());
                            }
                            ApiKey old = key(rows.iterator().next());
                            return insert(connection, token, hash, tenantId, old.name(), old.roles(), expiresAt, by)
                                    .call(made -> connection
                                            .preparedQuery(
                                                    "UPDATE " + TABLE + " SET rotated_to = $2,"
                                                            + " expires_at = least(coalesce(expires_at, $3), $3) WHERE key_id = $1")
                                            .execute(Tuple.of(keyId, made.keyId(), Timestamps.utc(oldEnds))))
                                    .map(made -> Optional.of(new Issued(made, token)));
                        })))
                .invoke(() -> forget(keyId));
    }

    /** The installation's first credential, from configuration; a no-op when the key already exists. */
    public Uni<Void> ensurePlatformAdmin(ApiKeyToken token) {
        return stored(token.keyId())
                .chain(found -> found.isPresent()
                        ? Uni.createFrom().voidItem()
                        : hash(token).chain(hash -> store.pool()
                                .preparedQuery("INSERT INTO " + TABLE
                                        + " (key_id, tenant_id, name, roles, secret_hash, created_by)"
                                        + " VALUES ($1, NULL, 'bootstrap platform admin', ARRAY['"
                                        + Roles.PLATFORM_ADMIN
                                        + "'], $2, 'configuration') ON CONFLICT (key_id) DO NOTHING")
                                .execute(Tuple.of(token.keyId(), hash))
                                .replaceWithVoid()));
    }

    private void forget(String keyId) {
        rows.remove(keyId);
        verified.forget(keyId);
    }

    private Uni<String> hash(ApiKeyToken token) {
        return Uni.createFrom()
                .item(() -> SecretHash.hash(token.secret(), iterations))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Uni<ApiKey> insert(
            SqlClient client,
            ApiKeyToken token,
            String hash,
            String tenantId,
            String name,
            List<String> roles,
            Instant expiresAt,
            String createdBy) {
        return client.preparedQuery("INSERT INTO " + TABLE
                        + " (key_id, tenant_id, name, roles, secret_hash, expires_at, created_by)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING " + COLUMNS)
                .execute(Tuple.from(Arrays.asList(
                        token.keyId(),
                        tenantId,
                        name,
                        roles.toArray(String[]::new),
                        hash,
                        Timestamps.utc(expiresAt),
                        createdBy)))
                .map(rows -> key(rows.iterator().next()));
    }

    private Uni<Optional<Stored>> stored(String keyId) {
        Stored remembered = rows.get(keyId);
        long now = clock.millis();
        if (remembered != null && now - remembered.loadedAtMillis() < ttl.toMillis()) {
            return Uni.createFrom().item(Optional.of(remembered));
        }
        return store.pool()
                .preparedQuery("SELECT " + COLUMNS + ", secret_hash FROM " + TABLE + " WHERE key_id = $1")
                .execute(Tuple.of(keyId))
                .map(result -> {
                    if (result.rowCount() == 0) {
                        return Optional.<Stored>empty(); // unknown ids are not remembered: anyone can make them up
                    }
                    Row row = result.iterator().next();
                    Stored loaded = new Stored(key(row), row.getString("secret_hash"), now);
                    if (rows.size() >= MAX_REMEMBERED_ROWS) {
                        rows.clear();
                    }
                    rows.put(keyId, loaded);
                    return Optional.of(loaded);
                });
    }

    private static ApiKey key(Row row) {
        return new ApiKey(
                row.getString("key_id"),
                row.getString("tenant_id"),
                row.getString("name"),
                List.of(row.getArrayOfStrings("roles")),
                Timestamps.instant(row.getOffsetDateTime("created_at")),
                row.getString("created_by"),
                Timestamps.instant(row.getOffsetDateTime("expires_at")),
                Timestamps.instant(row.getOffsetDateTime("revoked_at")),
                row.getString("rotated_to"));
    }
}
