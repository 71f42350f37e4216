package io.consentmesh.retention.proof;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentmesh.runtime.chain.ChainHash;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Recomputes a tenant's retention log from its rows: each chain walked from its first record by {@code prev_hash},
 * every hash recomputed from the record's columns, and the walk's end compared with the chain head and length. A
 * changed, removed or reordered record shows as the first break of its chain.
 */
@ApplicationScoped
public class RetentionLogVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param firstBreak what is wrong with the chain, or null when intact */
    public record ChainResult(String subjectId, long records, String firstBreak) {}

    public record Report(String tenantId, int chains, long records, boolean intact, List<ChainResult> broken) {}

    private final Pool database;

    RetentionLogVerifier(Pool database) {
        this.database = database;
    }

    public Uni<Report> verify(String tenant) {
        return database.preparedQuery("SELECT subject_id, head_hash, length FROM retention_chain WHERE tenant_id = $1")
                .execute(Tuple.of(tenant))
                .chain(chains -> database.preparedQuery(
                                "SELECT id, subject_id, kind, item_id, detail::text AS detail, at, prev_hash, hash"
                                        + " FROM retention_record WHERE tenant_id = $1")
                        .execute(Tuple.of(tenant))
                        .map(records -> {
                            Map<String, List<Row>> bySubject = new HashMap<>();
                            records.forEach(row -> bySubject
                                    .computeIfAbsent(row.getString("subject_id"), s -> new ArrayList<>())
                                    .add(row));
                            List<ChainResult> broken = new ArrayList<>();
                            long total = 0;
                            int count = 0;
                            for (Row chain : chains) {
                                count++;
                                String subject = chain.getString("subject_id");
                                List<Row> rows = bySubject.getOrDefault(subject, List.of());
                                total += rows.size();
                                String problem =
                                        walk(tenant, rows, chain.getString("head_hash"), chain.getLong("length"));
                                if (problem != null) {
                                    broken.add(new ChainResult(subject, rows.size(), problem));
                                }
                            }
                            return new Report(tenant, count, total, broken.isEmpty(), broken);
                        }));
    }

    private static String walk(String tenant, List<Row> rows, String head, long length) {
        Map<String, Row> byPrevious = new HashMap<>();
        for (Row row : rows) {
            if (byPrevious.put(String.valueOf(row.getString("prev_hash")), row) != null) {
                return "two records follow the same record (" + row.getString("prev_hash") + ")";
            }
        }
        String previous = null;
        long walked = 0;
        Row next = byPrevious.get("null");
        while (next != null) {
            String recomputed = ChainHash.next(previous, canonical(tenant, next));
            if (!recomputed.equals(next.getString("hash"))) {
                return "record " + next.getUUID("id") + " was changed (its hash no longer matches its content)";
            }
            previous = recomputed;
            walked++;
            next = byPrevious.get(previous);
        }
        if (walked != rows.size() || walked != length || (head != null && !head.equals(previous))) {
            return "the chain holds " + rows.size() + " records, " + walked + " link from its start; its head says "
                    + length;
        }
        return null;
    }

    private static String canonical(String tenant, Row row) {
        UUID item = row.getUUID("item_id");
        Map<String, Object> detail;
        try {
            detail =
                    new TreeMap<>(JSON.readValue(row.getString("detail"), new TypeReference<Map<String, Object>>() {}));
        } catch (java.io.IOException e) {
            detail = Map.of("unreadable", row.getString("detail"));
        }
        Instant at = row.getOffsetDateTime("at").toInstant();
        return new RetentionLog.Entry(
                        row.getUUID("id"),
                        tenant,
                        row.getString("subject_id"),
                        RetentionLog.Kind.valueOf(row.getString("kind")),
                        item,
                        detail,
                        at)
                .canonical();
    }
}
