package io.consentmesh.ingest.accounts;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.ingest.config.IngestConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Provider accounts, their tenants and their signing credentials.
 *
 * <p>Every webhook needs its account's credentials before anything else, and they change rarely, so each instance
 * keeps them for {@code mesh.ingest.credentials-cache-ttl} (5 s by default). A change made through this instance's
 * admin API applies at once; one made through another instance applies here within the TTL. Expiry times are kept
 * with the secrets, so a credential stops verifying at its {@code validUntil} whatever the cache holds.
 */
@ApplicationScoped
public class ProviderAccounts {

    /** Forged requests name made-up accounts: unknown accounts are never cached, and the cache is bounded anyway. */
    private static final int MAX_CACHED_ACCOUNTS = 10_000;

    private record Key(Provider provider, String accountId) {}

    private record Secret(String value, Instant validUntil) {}

    private record Cached(TenantId tenant, List<Secret> secrets, long loadedAtNanos) {}

    // The lookup on every webhook is one plain round trip on the Vert.x pool.
    private final Pool database;
    private final long ttlNanos;
    private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

    private final CredentialProtection protection;

    ProviderAccounts(Pool database, IngestConfig config, CredentialProtection protection) {
        this.database = database;
        this.ttlNanos = config.credentialsCacheTtl().toNanos();
        this.protection = protection;
    }

    /**
     * The account's tenant and currently valid secrets (newest first), or empty for an account we do not know. The
     * secrets are opened (in clear, kept only in this memory cache), except the agent runtime's, which are hashes.
     */
    public Uni<Optional<AccountCredentials>> credentials(Provider provider, String accountId) {
        Key key = new Key(provider, accountId);
        Cached cached = cache.get(key);
        if (cached != null && System.nanoTime() - cached.loadedAtNanos() < ttlNanos) {
            return Uni.createFrom().item(Optional.of(validNow(accountId, cached)));
        }
        return load(key)
                .map(loaded -> loaded.map(fresh -> {
                    if (cache.size() >= MAX_CACHED_ACCOUNTS) {
                        cache.clear();
                    }
                    cache.put(key, fresh);
                    return validNow(accountId, fresh);
                }));
    }

    private static AccountCredentials validNow(String accountId, Cached cached) {
        Instant now = Instant.now();
        List<String> valid = cached.secrets().stream()
                .filter(secret ->
                        secret.validUntil() == null || secret.validUntil().isAfter(now))
                .map(Secret::value)
                .toList();
        return new AccountCredentials(accountId, cached.tenant(), valid);
    }

    private Uni<Optional<Cached>> load(Key key) {
        long loadedAt = System.nanoTime();
        return database.preparedQuery(
                        """
                        SELECT a.tenant_id, c.secret, c.valid_until, c.id FROM provider_account a
                        LEFT JOIN provider_credential c
                               ON c.provider = a.provider AND c.account_id = a.account_id
                              AND (c.valid_until IS NULL OR c.valid_until > now())
                        WHERE a.provider = $1 AND a.account_id = $2
                        ORDER BY c.created_at DESC""")
                .execute(Tuple.of(key.provider().name(), key.accountId()))
                .map(rows -> {
                    TenantId tenant = null;
                    List<Secret> secrets = new ArrayList<>();
                    for (Row row : rows) {
                        tenant = new TenantId(row.getString(0));
                        if (row.getString(1) != null) {
                            OffsetDateTime validUntil = row.getOffsetDateTime(2);
                            protection
                                    .usable(key.provider(), key.accountId(), row.getUUID(3), row.getString(1))
                                    .ifPresent(usable -> secrets.add(
                                            new Secret(usable, validUntil == null ? null : validUntil.toInstant())));
                        }
                    }
                    return tenant == null
                            ? Optional.<Cached>empty()
                            : Optional.of(new Cached(tenant, List.copyOf(secrets), loadedAt));
                });
    }

    private void forget(Provider provider, String accountId) {
        cache.remove(new Key(provider, accountId));
    }

    /** Creates the account, or moves it to another tenant. */
    public Uni<Void> register(Provider provider, String accountId, TenantId tenant) {
        return database.preparedQuery(
                        """
                        INSERT INTO provider_account (provider, account_id, tenant_id) VALUES ($1, $2, $3)
                        ON CONFLICT (provider, account_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id""")
                .execute(Tuple.of(provider.name(), accountId, tenant.value()))
                .invoke(() -> forget(provider, accountId))
                .replaceWithVoid();
    }

    /**
     * Adds a signing secret, stored sealed (hashed for the agent runtime, see {@link CredentialProtection}). The
     * old one stays valid until its {@code validUntil}, so a rotation never rejects a webhook the provider signed
     * with either.
     *
     * @return the new credential's id, or empty when the account is unknown
     */
    public Uni<Optional<UUID>> addCredential(Provider provider, String accountId, String secret, Instant validUntil) {
        UUID id = UUID.randomUUID();
        // only the sealed or hashed form is written; hashing is slow, so it runs on a worker
        return SlowWork.onWorker(() -> protection.protect(provider, accountId, id, secret))
                .chain(stored -> database.preparedQuery(
                                """
                                INSERT INTO provider_credential (id, provider, account_id, secret, valid_until)
                                SELECT $1, provider, account_id, $2, $3 FROM provider_account
                                WHERE provider = $4 AND account_id = $5""")
                        // validUntil may be null (valid until retired)
                        .execute(Tuple.from(Arrays.asList(id, stored, utc(validUntil), provider.name(), accountId))))
                .invoke(() -> forget(provider, accountId))
                .map(rows -> rows.rowCount() == 0 ? Optional.<UUID>empty() : Optional.of(id));
    }

    /** Ends a credential's validity now (the last step of a rotation). */
    public Uni<Boolean> retireCredential(Provider provider, String accountId, UUID credentialId) {
        return database.preparedQuery("UPDATE provider_credential SET valid_until = now() "
                        + "WHERE id = $1 AND provider = $2 AND account_id = $3")
                .execute(Tuple.of(credentialId, provider.name(), accountId))
                .invoke(() -> forget(provider, accountId))
                .map(rows -> rows.rowCount() > 0);
    }
}
