package io.consentmesh.security.accesslog;

import io.consentmesh.runtime.batching.GroupCommit;
import io.consentmesh.runtime.chain.ChainHash;
import io.consentmesh.runtime.chain.ChainedLog;
import io.consentmesh.runtime.chain.ChainedLog.Column;
import io.consentmesh.runtime.chain.SubjectRef;
import io.consentmesh.runtime.sql.Timestamps;
import io.consentmesh.security.store.SecurityStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The security audit log: append-only, one hash chain per tenant and service (a {@link ChainedLog} in the shared
 * security schema). Concurrent requests' records are written together ({@link GroupCommit}), and a request's answer
 * waits for its record: no read of personal data goes unrecorded.
 */
@Singleton
public class AccessLog {

    /** What a verification found for one chain. */
    public record ChainCheck(String service, long records, boolean intact, String firstBrokenRecord) {}

    private static final ChainedLog<AccessRecord> LOG = new ChainedLog<>(
            new ChainedLog.Layout<>(
                    SecurityStore.SCHEMA + ".access_chain",
                    SecurityStore.SCHEMA + ".access_record",
                    List.of(
                            Column.of("at", "timestamptz", OffsetDateTime.class, r -> Timestamps.utc(r.at())),
                            Column.of("service", "text", String.class, AccessRecord::service),
                            Column.of("principal", "text", String.class, AccessRecord::principal),
                            Column.of("credential", "text", String.class, AccessRecord::credential),
                            Column.of("roles", "text", String.class, AccessRecord::roles),
                            Column.of("operation", "text", String.class, AccessRecord::operation),
                            Column.of("data_subject", "text", String.class, AccessRecord::dataSubject),
                            Column.of("outcome", "int", Integer.class, AccessRecord::outcome))),
            new ChainedLog.Entry<>() {
                @Override
                public java.util.UUID id(AccessRecord record) {
                    return record.id();
                }

                @Override
                public SubjectRef chain(AccessRecord record) {
                    return new SubjectRef(record.tenantId(), chainOf(record.service()));
                }

                @Override
                public String canonical(AccessRecord record, java.util.UUID id) {
                    return record.canonical();
                }
            });

    private static final String COLUMNS =
            "id, tenant_id, at, service, principal, credential, roles, operation, data_subject, outcome, prev_hash, hash";

    private final SecurityStore store;
    private final String service;
    private final GroupCommit<AccessRecord, Void> writes;

    AccessLog(SecurityStore store, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.store = store;
        this.service = service;
        this.writes = new GroupCommit<>(512, 2, batch -> store.pool()
                .withTransaction(connection -> LOG.appendAll(connection, batch))
                .map(appended -> Collections.nCopies(batch.size(), (Void) null)));
    }

    public String service() {
        return service;
    }

    /** Records one access; completes once the record is committed. */
    public Uni<Void> record(AccessRecord record) {
        // Stored with microseconds; hash what is stored, so a verifier recomputes the same text from the row.
        AccessRecord stored = new AccessRecord(
                record.id(),
                record.tenantId(),
                record.at().truncatedTo(ChronoUnit.MICROS),
                record.service(),
                record.principal(),
                record.credential(),
                record.roles(),
                record.operation(),
                record.dataSubject(),
                record.outcome());
        return writes.submit(stored);
    }

    /** A tenant's records, newest first, between {@code from} (inclusive) and {@code to} (exclusive). */
    public Uni<List<Map<String, Object>>> list(String tenantId, Instant from, Instant to, int limit) {
        return store.pool()
                .preparedQuery("SELECT " + COLUMNS + " FROM " + SecurityStore.SCHEMA + ".access_record"
                        + " WHERE tenant_id = $1 AND at >= $2 AND at < $3 ORDER BY seq DESC LIMIT $4")
                .execute(Tuple.of(tenantId, Timestamps.utc(from), Timestamps.utc(to), limit))
                .map(rows -> {
                    List<Map<String, Object>> records = new ArrayList<>();
                    rows.forEach(row -> {
                        Map<String, Object> record = new LinkedHashMap<>();
                        AccessRecord r = fromRow(row);
                        record.put("id", r.id());
                        record.put("at", r.at());
                        record.put("service", r.service());
                        record.put("principal", r.principal());
                        record.put("credential", r.credential());
                        record.put("roles", r.roles());
                        record.put("operation", r.operation());
                        record.put("dataSubject", r.dataSubject());
                        record.put("outcome", r.outcome());
                        record.put("hash", row.getString("hash"));
                        records.add(record);
                    });
                    return records;
                });
    }

    /** Recomputes every chain of the tenant from its rows: a changed, removed or reordered record breaks its link. */
    public Uni<List<ChainCheck>> verify(String tenantId) {
        return store.pool()
                .preparedQuery("SELECT " + COLUMNS + " FROM " + SecurityStore.SCHEMA + ".access_record"
                        + " WHERE tenant_id = $1 ORDER BY service, seq")
                .execute(Tuple.of(tenantId))
                .chain(rows -> store.pool()
                        .preparedQuery("SELECT subject_id, head_hash, length FROM " + SecurityStore.SCHEMA
                                + ".access_chain WHERE tenant_id = $1")
                        .execute(Tuple.of(tenantId))
                        .map(heads -> {
                            Map<String, String> headOf = new LinkedHashMap<>();
                            heads.forEach(
                                    head -> headOf.put(head.getString("subject_id"), head.getString("head_hash")));
                            Map<String, List<Row>> byService = new LinkedHashMap<>();
                            rows.forEach(row -> byService
                                    .computeIfAbsent(row.getString("service"), s -> new ArrayList<>())
                                    .add(row));
                            List<ChainCheck> checks = new ArrayList<>();
                            byService.forEach((svc, chain) -> checks.add(check(svc, chain, headOf.get(chainOf(svc)))));
                            return checks;
                        }));
    }

    private static ChainCheck check(String service, List<Row> chain, String head) {
        String previous = null;
        for (Row row : chain) {
            AccessRecord record = fromRow(row);
            String expected = ChainHash.next(previous, record.canonical());
            if (!Objects.equals(previous, row.getString("prev_hash")) || !expected.equals(row.getString("hash"))) {
                return new ChainCheck(service, chain.size(), false, record.id().toString());
            }
            previous = expected;
        }
        boolean headMatches = Objects.equals(previous, head);
        return new ChainCheck(service, chain.size(), headMatches, headMatches ? null : "chain head");
    }

    private static AccessRecord fromRow(Row row) {
        return new AccessRecord(
                row.getUUID("id"),
                row.getString("tenant_id"),
                Timestamps.instant(row.getOffsetDateTime("at")),
                row.getString("service"),
                row.getString("principal"),
                row.getString("credential"),
                row.getString("roles"),
                row.getString("operation"),
                row.getString("data_subject"),
                row.getInteger("outcome"));
    }

    /** A service's chain id: the chain table keys chains by a 64-hex subject. */
    static String chainOf(String service) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(("access-log:" + service).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
