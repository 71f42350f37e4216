package io.consentmesh.runtime.chain;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentmesh.contracts.envelope.EventIds;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A service's log of what happened, hash-chained per person: each entry a kind, the thing it concerns (an item, a
 * request), a detail map and a time, over {@link ChainedLog}. The retention log and the DSAR request record are two;
 * both are verified by the same walk ({@link #verify}), so an auditor's check is written once.
 *
 * <p>Tables: the chain table as {@link ChainedLog} describes it; the record table has {@code id uuid}, {@code
 * tenant_id}, {@code subject_id}, {@code kind text}, the reference column ({@code uuid}, may be null), {@code detail
 * jsonb}, {@code at timestamptz}, {@code prev_hash} and {@code hash}.
 */
public final class EventLog {

    /** The chain of a tenant's entries about no person. */
    public static final String NO_PERSON = "0".repeat(64);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {};

    /**
     * Where a log lives and how its entries are named.
     *
     * @param refColumn the record column of the thing an entry concerns, e.g. {@code item_id}
     * @param refKey that column's key in the hashed text, e.g. {@code itemId}
     * @param idScope the namespace of entry ids: one source logs one entry per kind
     */
    public record Spec(String chainTable, String recordTable, String refColumn, String refKey, String idScope) {}

    /** One entry; {@code detail} holds plain JSON values only (it is hashed as canonical JSON). */
    public record Entry(
            UUID id, String tenant, String subject, String kind, UUID ref, Map<String, Object> detail, Instant at) {}

    /** @param firstBreak what is wrong with the chain, or null when intact */
    public record ChainResult(String subjectId, long records, String firstBreak) {}

    public record Report(String tenantId, int chains, long records, boolean intact, List<ChainResult> broken) {}

    private final Spec spec;
    private final ChainedLog<Entry> log;

    public EventLog(Spec spec) {
        this.spec = spec;
        this.log = new ChainedLog<>(
                new ChainedLog.Layout<>(
                        spec.chainTable(),
                        spec.recordTable(),
                        List.of(
                                ChainedLog.Column.of("kind", "text", String.class, Entry::kind),
                                ChainedLog.Column.of(spec.refColumn(), "uuid", UUID.class, Entry::ref),
                                new ChainedLog.Column<>(
                                        "detail",
                                        "text",
                                        "detail::jsonb",
                                        String.class,
                                        e -> ChainHash.json(e.detail())),
                                ChainedLog.Column.of("at", "timestamptz", OffsetDateTime.class, e -> utc(e.at())))),
                new ChainedLog.Entry<>() {
                    @Override
                    public UUID id(Entry entry) {
                        return entry.id();
                    }

                    @Override
                    public SubjectRef chain(Entry entry) {
                        return new SubjectRef(entry.tenant(), entry.subject());
                    }

                    @Override
                    public String canonical(Entry entry, UUID id) {
                        return EventLog.this.canonical(entry);
                    }
                });
    }

    /**
     * A new entry, stamped now.
     *
     * @param subject the person, or null/blank for an entry about no person ({@link #NO_PERSON})
     * @param source what makes it unique (a command id, a request id and a step): the same source and kind is one entry
     */
    public Entry entry(
            String tenant, String subject, String kind, UUID ref, String source, Map<String, Object> detail) {
        return new Entry(
                UUID.fromString(EventIds.of(spec.idScope(), tenant, kind, source)),
                tenant,
                subject == null || subject.isBlank() ? NO_PERSON : subject.trim(),
                kind,
                ref,
                new TreeMap<>(detail),
                // as PostgreSQL keeps it, so the hash can be recomputed from the row
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    /** The text the chain hashes: every column of the record but the hashes, as canonical JSON. */
    public String canonical(Entry entry) {
        Map<String, Object> record = new TreeMap<>();
        record.put("id", entry.id().toString());
        record.put("tenantId", entry.tenant());
        record.put("subjectId", entry.subject());
        record.put("kind", entry.kind());
        record.put(spec.refKey(), entry.ref() == null ? null : entry.ref().toString());
        record.put("detail", entry.detail());
        record.put("at", entry.at().toString());
        return ChainHash.json(record);
    }

    /**
     * Appends in the caller's transaction, in list order; an entry logged before (same id) is not logged again.
     *
     * @return per entry, its id when appended now, empty when it was there already
     */
    public Uni<List<Optional<UUID>>> append(SqlConnection tx, List<Entry> entries) {
        return entries.isEmpty() ? Uni.createFrom().item(List.of()) : log.appendAll(tx, entries);
    }

    /** A row of the record table (all columns) as the entry it was made from. */
    public Entry entryOf(Row row) {
        Map<String, Object> detail;
        try {
            detail = new TreeMap<>(JSON.readValue(row.getString("detail"), DETAIL));
        } catch (JsonProcessingException e) {
            detail = Map.of("unreadable", row.getString("detail"));
        }
        return new Entry(
                row.getUUID("id"),
                row.getString("tenant_id"),
                row.getString("subject_id"),
                row.getString("kind"),
                row.getUUID(spec.refColumn()),
                detail,
                row.getOffsetDateTime("at").toInstant());
    }

    /** The columns {@link #entryOf} reads, with the hashes, for a SELECT. */
    public String columns() {
        return "id, tenant_id, subject_id, kind, " + spec.refColumn() + ", detail::text AS detail, at, prev_hash, hash";
    }

    /**
     * Recomputes a tenant's log from its rows: each chain walked from its first record by {@code prev_hash}, every hash
     * recomputed from the record's columns, and the walk's end compared with the chain head and length. A changed,
     * removed or reordered record shows as the first break of its chain.
     */
    public Uni<Report> verify(Pool database, String tenant) {
        return database.preparedQuery(
                        "SELECT subject_id, head_hash, length FROM " + spec.chainTable() + " WHERE tenant_id = $1")
                .execute(Tuple.of(tenant))
                .chain(chains -> database.preparedQuery(
                                "SELECT " + columns() + " FROM " + spec.recordTable() + " WHERE tenant_id = $1")
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
                                String problem = walk(rows, chain.getString("head_hash"), chain.getLong("length"));
                                if (problem != null) {
                                    broken.add(new ChainResult(subject, rows.size(), problem));
                                }
                            }
                            return new Report(tenant, count, total, broken.isEmpty(), broken);
                        }));
    }

    private String walk(List<Row> rows, String head, long length) {
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
            String recomputed = ChainHash.next(previous, canonical(entryOf(next)));
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

    /** A detail map that may hold nulls (Map.of may not). */
    public static Map<String, Object> detail(Object... keysAndValues) {
        Map<String, Object> detail = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            detail.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return detail;
    }
}
