package io.consentmesh.privacy.keys;

import static io.consentmesh.runtime.sql.Timestamps.instant;

import io.consentmesh.privacy.kek.KeyEncryptionKeys;
import io.consentmesh.privacy.kek.WrappedKey;
import io.consentmesh.runtime.chain.SubjectRef;
import io.consentmesh.runtime.crypto.AesGcm;
import io.consentmesh.runtime.sql.OwnSchema;
import io.consentmesh.runtime.sql.Timestamps;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The key store: one data key per tenant and subject in schema {@code mesh_keys}, wrapped by the tenant's
 * key-encryption key, unwrapped only in memory and cached briefly ({@link KeyCache}). Keys are created and destroyed
 * in transactions of their own, never in a caller's: a rolled-back caller must not leave data sealed with a key that
 * was never stored, and a shred must be final once it answers.
 */
public class DataKeys {

    public static final String SCHEMA = "mesh_keys";
    private static final OwnSchema SCHEMA_SCRIPTS = new OwnSchema(
            SCHEMA,
            0x6d6573685f6b6579L /* "mesh_key" */,
            "/db/keys",
            List.of("V1__data_keys_and_erasures.sql", "V2__data_keys_appended_in_key_order.sql"));

    private static final String COLUMNS = "key_id, tenant_id, subject_id, kek_id, wrapped";

    private final Pool pool;
    private final KeyEncryptionKeys keks;
    private final KeyCache<SubjectRef> bySubject;
    private final KeyCache<UUID> byId;
    private final Counter created;
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final Counter erased;

    public DataKeys(
            Pool pool, KeyEncryptionKeys keks, int cacheSize, Duration cacheTtl, Clock clock, MeterRegistry meters) {
        this.pool = pool;
        this.keks = keks;
        this.bySubject = new KeyCache<>(cacheSize, cacheTtl, clock);
        this.byId = new KeyCache<>(cacheSize, cacheTtl, clock);
        this.created = Counter.builder("mesh.privacy.data.keys.created")
                .description("Data keys created (a subject's first personal data, or the first after an erasure)")
                .register(meters);
        this.cacheHits =
                Counter.builder("mesh.privacy.key.cache").tag("result", "hit").register(meters);
        this.cacheMisses =
                Counter.builder("mesh.privacy.key.cache").tag("result", "miss").register(meters);
        this.erased = Counter.builder("mesh.privacy.subjects.erased")
                .description("Subjects whose data keys were destroyed")
                .register(meters);
        Gauge.builder("mesh.privacy.key.cache.size", bySubject, KeyCache::size).register(meters);
    }

    /** Creates or upgrades the key schema (any service may be the first to start). */
    public Uni<Void> migrate(Optional<String> ownerRole) {
        return SCHEMA_SCRIPTS.migrate(pool, ownerRole);
    }

    /** Each subject's key for sealing, created for a subject that has none. */
    public Uni<Map<SubjectRef, DataKey>> currentKeys(Collection<SubjectRef> subjects) {
        Map<SubjectRef, DataKey> found = new HashMap<>();
        Set<SubjectRef> missing = new LinkedHashSet<>();
        for (SubjectRef subject : subjects) {
            bySubject.get(subject).ifPresentOrElse(key -> found.put(subject, key), () -> missing.add(subject));
        }
        cacheHits.increment(found.size());
        if (missing.isEmpty()) {
            return Uni.createFrom().item(found);
        }
        cacheMisses.increment(missing.size());
        return loadOrCreate(missing)
                .chain(stored -> {
                    found.putAll(stored);
                    missing.removeAll(stored.keySet());
                    // made by a concurrent writer after this statement's snapshot: read them again, now committed
                    return missing.isEmpty() ? Uni.createFrom().item(Map.<SubjectRef, DataKey>of()) : load(missing);
                })
                .map(late -> {
                    found.putAll(late);
                    return found;
                })
                .onFailure(failure -> !(failure instanceof KeysUnavailableException))
                .transform(DataKeys::unavailable);
    }

    /**
     * The keys with these ids, for opening; an id with no key (destroyed by a shred) is simply absent, and whatever it
     * sealed reads as erased.
     */
    public Uni<Map<UUID, DataKey>> keysById(Collection<UUID> keyIds) {
        Map<UUID, DataKey> found = new HashMap<>();
        List<UUID> missing = new ArrayList<>();
        for (UUID id : new LinkedHashSet<>(keyIds)) {
            byId.get(id).ifPresentOrElse(key -> found.put(id, key), () -> missing.add(id));
        }
        cacheHits.increment(found.size());
        if (missing.isEmpty()) {
            return Uni.createFrom().item(found);
        }
        cacheMisses.increment(missing.size());
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM " + SCHEMA + ".data_key WHERE key_id = ANY($1)")
                .execute(Tuple.of(missing.toArray(UUID[]::new)))
                .map(rows -> {
                    unwrapAll(rows).forEach(key -> found.put(key.keyId(), key));
                    return found;
                })
                .onFailure(failure -> !(failure instanceof KeysUnavailableException))
                .transform(DataKeys::unavailable);
    }

    /**
     * Destroys every data key of {@code subject} and records who did it and on which request. Idempotent: a subject
     * already erased answers {@code ALREADY_ERASED} with the time of its erasure.
     */
    public Uni<Erasure> shred(SubjectRef subject, String erasedBy, String requestRef) {
        return pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM " + SCHEMA
                                + ".data_key WHERE tenant_id = $1 AND subject_id = $2 RETURNING key_id")
                        .execute(Tuple.of(subject.tenant(), subject.subject()))
                        .chain(deleted -> {
                            int destroyed = deleted.rowCount();
                            if (destroyed > 0) {
                                return tx.preparedQuery("INSERT INTO " + SCHEMA + ".erasure (tenant_id, subject_id,"
                                                + " erased_at, erased_by, request_ref, keys_destroyed)"
                                                + " VALUES ($1, $2, clock_timestamp(), $3, $4, $5) RETURNING erased_at")
                                        .execute(Tuple.of(
                                                subject.tenant(), subject.subject(), erasedBy, requestRef, destroyed))
                                        .map(rows -> new Erasure(
                                                Erasure.Outcome.ERASED,
                                                instant(rows.iterator().next().getOffsetDateTime("erased_at")),
                                                destroyed));
                            }
                            return tx.preparedQuery("SELECT max(erased_at) FROM " + SCHEMA
                                            + ".erasure WHERE tenant_id = $1 AND subject_id = $2")
                                    .execute(Tuple.of(subject.tenant(), subject.subject()))
                                    .map(rows -> {
                                        OffsetDateTime at =
                                                rows.iterator().next().getOffsetDateTime(0);
                                        return at == null
                                                ? Erasure.unknown()
                                                : new Erasure(Erasure.Outcome.ALREADY_ERASED, instant(at), 0);
                                    });
                        }))
                .invoke(erasure -> {
                    bySubject.removeIf(key -> key.subject().equals(subject));
                    byId.removeIf(key -> key.subject().equals(subject));
                    if (erasure.outcome() == Erasure.Outcome.ERASED) {
                        erased.increment();
                    }
                })
                .onFailure(failure -> !(failure instanceof KeysUnavailableException))
                .transform(DataKeys::unavailable);
    }

    /** When {@code subject} was last erased, if ever. */
    public Uni<Optional<Instant>> erasedAt(SubjectRef subject) {
        return pool.preparedQuery(
                        "SELECT max(erased_at) FROM " + SCHEMA + ".erasure WHERE tenant_id = $1 AND subject_id = $2")
                .execute(Tuple.of(subject.tenant(), subject.subject()))
                .map(rows -> Optional.ofNullable(rows.iterator().next().getOffsetDateTime(0))
                        .map(Timestamps::instant));
    }

    /**
     * Re-wraps up to {@code batch} data keys wrapped by an older key-encryption key with the current one (after a
     * rotation); returns how many it re-wrapped, 0 when none is left. The data sealed with them is untouched.
     */
    public Uni<Integer> rewrap(int batch) {
        String current = keks.currentKekId();
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT " + COLUMNS + " FROM " + SCHEMA
                                + ".data_key WHERE kek_id <> $1 LIMIT $2 FOR UPDATE SKIP LOCKED")
                        .execute(Tuple.of(current, batch))
                        .chain(rows -> {
                            List<DataKey> keys = unwrapAll(rows);
                            if (keys.isEmpty()) {
                                return Uni.createFrom().item(0);
                            }
                            List<Tuple> updates = keys.stream()
                                    .map(key -> {
                                        WrappedKey wrapped = keks.wrap(
                                                key.subject().tenant(),
                                                key.subject().subject(),
                                                key.key());
                                        return Tuple.of(key.keyId(), wrapped.kekId(), Buffer.buffer(wrapped.bytes()));
                                    })
                                    .toList();
                            return tx.preparedQuery("UPDATE " + SCHEMA
                                            + ".data_key SET kek_id = $2, wrapped = $3 WHERE key_id = $1")
                                    .executeBatch(updates)
                                    .replaceWith(keys.size());
                        }))
                .onFailure(failure -> !(failure instanceof KeysUnavailableException))
                .transform(DataKeys::unavailable);
    }

    private Uni<Map<SubjectRef, DataKey>> load(Collection<SubjectRef> subjects) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM " + SCHEMA + ".data_key WHERE (tenant_id, subject_id)"
                        + " IN (SELECT * FROM unnest($1::text[], $2::text[]))")
                .execute(Tuple.of(SubjectRef.tenants(subjects), SubjectRef.subjects(subjects)))
                .map(rows -> bySubject(unwrapAll(rows)));
    }

    /**
     * One statement, one round trip: each subject's stored key, or a new one stored for a subject that has none. The
     * new keys are made (and wrapped) for every subject asked about; those that exist already are discarded. A key
     * that a concurrent writer stores meanwhile is in neither half of the answer (its insert waits, then does
     * nothing; the statement's snapshot predates it): the caller reads those again.
     */
    private Uni<Map<SubjectRef, DataKey>> loadOrCreate(Collection<SubjectRef> subjects) {
        int n = subjects.size();
        UUID[] ids = new UUID[n];
        String[] kekIds = new String[n];
        Buffer[] wrapped = new Buffer[n];
        Map<UUID, byte[]> made = new HashMap<>(); // the keys in clear: what is stored of them needs no unwrapping
        int i = 0;
        for (SubjectRef subject : subjects) {
            byte[] plain = AesGcm.newKey();
            WrappedKey key = keks.wrap(subject.tenant(), subject.subject(), plain);
            ids[i] = timeOrderedId();
            made.put(ids[i], plain);
            kekIds[i] = key.kekId();
            wrapped[i++] = Buffer.buffer(key.bytes());
        }
        return pool.preparedQuery("WITH wanted AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[],"
                        + " $4::text[], $5::bytea[]) AS w (key_id, tenant_id, subject_id, kek_id, wrapped)),"
                        + " made AS (INSERT INTO " + SCHEMA + ".data_key (" + COLUMNS + ") SELECT * FROM wanted"
                        + " ON CONFLICT (tenant_id, subject_id) DO NOTHING RETURNING " + COLUMNS + ", true AS made)"
                        + " SELECT * FROM made UNION ALL SELECT k.key_id, k.tenant_id, k.subject_id, k.kek_id,"
                        + " k.wrapped, false FROM " + SCHEMA + ".data_key k JOIN wanted w"
                        + " ON k.tenant_id = w.tenant_id AND k.subject_id = w.subject_id")
                .execute(Tuple.of(ids, SubjectRef.tenants(subjects), SubjectRef.subjects(subjects), kekIds, wrapped))
                .map(rows -> {
                    int stored = 0;
                    for (Row row : rows) {
                        stored += Boolean.TRUE.equals(row.getBoolean("made")) ? 1 : 0;
                    }
                    created.increment(stored);
                    return bySubject(unwrapAll(rows, made));
                });
    }

    /**
     * A version 7 UUID (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made later sort later, so new
     * rows land at the end of the primary key's index.
     */
    static UUID timeOrderedId() {
        long random = ThreadLocalRandom.current().nextLong();
        long high = (System.currentTimeMillis() << 16) | 0x7000L | (random & 0x0fffL);
        long low = (ThreadLocalRandom.current().nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private List<DataKey> unwrapAll(RowSet<Row> rows) {
        return unwrapAll(rows, Map.of());
    }

    /** The rows' keys, in clear and cached; {@code known} holds keys this process made (by id): not unwrapped again. */
    private List<DataKey> unwrapAll(RowSet<Row> rows, Map<UUID, byte[]> known) {
        List<DataKey> keys = new ArrayList<>();
        for (Row row : rows) {
            SubjectRef subject = new SubjectRef(row.getString("tenant_id"), row.getString("subject_id"));
            UUID keyId = row.getUUID("key_id");
            byte[] key = known.containsKey(keyId)
                    ? known.get(keyId)
                    : keks.unwrap(
                            subject.tenant(),
                            subject.subject(),
                            new WrappedKey(
                                    row.getString("kek_id"),
                                    row.getBuffer("wrapped").getBytes()));
            DataKey dataKey = new DataKey(keyId, subject, key);
            bySubject.put(subject, dataKey);
            byId.put(dataKey.keyId(), dataKey);
            keys.add(dataKey);
        }
        return keys;
    }

    private static Map<SubjectRef, DataKey> bySubject(List<DataKey> keys) {
        Map<SubjectRef, DataKey> map = new HashMap<>();
        keys.forEach(key -> map.put(key.subject(), key));
        return map;
    }

    private static Throwable unavailable(Throwable failure) {
        return new KeysUnavailableException("the key store cannot be reached: " + failure.getMessage(), failure);
    }
}
