package io.consentmesh.runtime.chain;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An append-only, hash-chained log in PostgreSQL: one chain per subject ({@link SubjectRef}), each record's hash over
 * its predecessor's hash and its own canonical text ({@link ChainHash}), so changing, removing or reordering a record
 * breaks every later link. Any service keeps such a log by describing its two tables ({@link Layout}) and how one
 * entry becomes a row ({@link Entry}); the consent evidence ledger is one, the retention and DSAR logs use the same.
 *
 * <p>Tables: the chain table has {@code (tenant_id text, subject_id char(64), head_hash char(64), length bigint,
 * checkpointed_length bigint)} keyed by tenant and subject; the record table has {@code id uuid} (primary key),
 * {@code tenant_id}, {@code subject_id}, the layout's own columns, {@code prev_hash} and {@code hash}.
 *
 * <p>{@link #appendAll} appends a batch inside the caller's transaction with a constant number of statements: every
 * chain the batch extends is locked first, in {@link SubjectRef} order (so two batches never wait on each other in a
 * cycle), records already in the log (by id) or earlier in the batch are skipped as redeliveries, hashes are chained
 * in memory, then one insert and one head update.
 *
 * @param <E> what the service appends
 */
public final class ChainedLog<E> {

    /** A record column beyond the fixed ones: its name, the element type of its unnest array, and how it is stored. */
    public record Column<E>(String name, String arrayType, String stored, Class<?> javaType, Function<E, ?> value) {

        /** A column stored as its unnest value, e.g. {@code ("kind", "text", String.class, ...)}. */
        public static <E> Column<E> of(String name, String arrayType, Class<?> javaType, Function<E, ?> value) {
            return new Column<>(name, arrayType, name, javaType, value);
        }
    }

    /** The log's tables and its own record columns. */
    public record Layout<E>(String chainTable, String recordTable, List<Column<E>> columns) {}

    /** How an entry is identified and hashed. */
    public interface Entry<E> {
        /** The record's id, derived from its source so that a redelivery names the same record. */
        UUID id(E entry);

        SubjectRef chain(E entry);

        /** The text hashed into the chain, e.g. the record's fields as canonical JSON ({@link ChainHash#json}). */
        String canonical(E entry, UUID id);
    }

    private final Layout<E> layout;
    private final Entry<E> entries;
    private final String insertChains;
    private final String lockHeads;
    private final String findRecorded;
    private final String insertRecords;
    private final String updateHeads;

    public ChainedLog(Layout<E> layout, Entry<E> entries) {
        this.layout = layout;
        this.entries = entries;
        String chains = layout.chainTable();
        this.insertChains = "INSERT INTO " + chains + " (tenant_id, subject_id)"
                + " SELECT * FROM unnest($1::text[], $2::char(64)[]) ON CONFLICT DO NOTHING";
        this.lockHeads = "SELECT c.tenant_id, c.subject_id, c.head_hash FROM " + chains + " c"
                + " JOIN unnest($1::text[], $2::char(64)[]) AS k (tenant_id, subject_id)"
                + " ON c.tenant_id = k.tenant_id AND c.subject_id = k.subject_id"
                + " ORDER BY c.tenant_id, c.subject_id FOR UPDATE OF c";
        this.findRecorded = "SELECT id FROM " + layout.recordTable() + " WHERE id = ANY($1)";
        List<Column<E>> own = layout.columns();
        String names = own.stream().map(Column::name).collect(Collectors.joining(", "));
        String stored = own.stream().map(Column::stored).collect(Collectors.joining(", "));
        StringBuilder arrays = new StringBuilder("$1::uuid[], $2::text[], $3::char(64)[]");
        for (int i = 0; i < own.size(); i++) {
            arrays.append(", $")
                    .append(i + 4)
                    .append("::")
                    .append(own.get(i).arrayType())
                    .append("[]");
        }
        arrays.append(", $").append(own.size() + 4).append("::char(64)[], $").append(own.size() + 5);
        arrays.append("::char(64)[]");
        // No ON CONFLICT: the chains are locked and redeliveries removed, so a conflict is a bug that must not pass
        // silently (the chain head would name a record that was never written).
        this.insertRecords = "INSERT INTO " + layout.recordTable() + " (id, tenant_id, subject_id, " + names
                + ", prev_hash, hash) SELECT id, tenant_id, subject_id, " + stored + ", prev_hash, hash FROM unnest("
                + arrays + ") AS r (id, tenant_id, subject_id, " + names + ", prev_hash, hash)";
        this.updateHeads = "UPDATE " + chains + " c SET head_hash = n.head_hash, length = c.length + n.added"
                + " FROM unnest($1::text[], $2::char(64)[], $3::char(64)[], $4::int[])"
                + " AS n (tenant_id, subject_id, head_hash, added)"
                + " WHERE c.tenant_id = n.tenant_id AND c.subject_id = n.subject_id";
    }

    /**
     * Appends a batch in the connection's transaction, in list order (a subject's records in the order of its events).
     *
     * @return for each entry, in order, its new record id, or empty when it was a redelivery
     */
    public Uni<List<Optional<UUID>>> appendAll(SqlConnection connection, List<E> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        TreeSet<SubjectRef> chains = new TreeSet<>();
        batch.forEach(entry -> chains.add(entries.chain(entry)));
        Tuple chainKeys = Tuple.of(SubjectRef.tenants(chains), SubjectRef.subjects(chains));
        return connection
                .preparedQuery(insertChains)
                .execute(chainKeys)
                .chain(() -> connection.preparedQuery(lockHeads).execute(chainKeys))
                .chain(heads -> {
                    Map<SubjectRef, String> head = new HashMap<>();
                    for (Row row : heads) {
                        head.put(
                                new SubjectRef(row.getString("tenant_id"), row.getString("subject_id")),
                                row.getString("head_hash"));
                    }
                    return alreadyRecorded(connection, batch)
                            .chain(recorded -> insert(connection, batch, head, recorded));
                });
    }

    private Uni<Set<UUID>> alreadyRecorded(SqlConnection connection, List<E> batch) {
        return connection
                .preparedQuery(findRecorded)
                .execute(Tuple.of(batch.stream().map(entries::id).toArray(UUID[]::new)))
                .map(rows -> {
                    Set<UUID> recorded = new HashSet<>();
                    rows.forEach(row -> recorded.add(row.getUUID(0)));
                    return recorded;
                });
    }

    private Uni<List<Optional<UUID>>> insert(
            SqlConnection connection, List<E> batch, Map<SubjectRef, String> head, Set<UUID> recorded) {
        List<Optional<UUID>> appended = new ArrayList<>(batch.size());
        List<E> rows = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        List<SubjectRef> chainOf = new ArrayList<>();
        List<String> previous = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        Map<SubjectRef, Integer> added = new HashMap<>();
        for (E entry : batch) {
            UUID id = entries.id(entry);
            if (!recorded.add(id)) {
                appended.add(Optional.empty()); // a redelivery: already in the log or earlier in this batch
                continue;
            }
            SubjectRef chain = entries.chain(entry);
            String previousHash = head.get(chain);
            String hash = ChainHash.next(previousHash, entries.canonical(entry, id));
            head.put(chain, hash);
            added.merge(chain, 1, Integer::sum);
            rows.add(entry);
            ids.add(id);
            chainOf.add(chain);
            previous.add(previousHash);
            hashes.add(hash);
            appended.add(Optional.of(id));
        }
        if (rows.isEmpty()) {
            return Uni.createFrom().item(appended);
        }
        List<Object> columns = new ArrayList<>();
        columns.add(ids.toArray(UUID[]::new));
        columns.add(SubjectRef.tenants(chainOf));
        columns.add(SubjectRef.subjects(chainOf));
        for (Column<E> column : layout.columns()) {
            Object[] values = (Object[]) Array.newInstance(column.javaType(), rows.size());
            for (int i = 0; i < values.length; i++) {
                values[i] = column.value().apply(rows.get(i));
            }
            columns.add(values);
        }
        columns.add(previous.toArray(String[]::new));
        columns.add(hashes.toArray(String[]::new));
        List<SubjectRef> extended = List.copyOf(added.keySet());
        Tuple newHeads = Tuple.of(
                SubjectRef.tenants(extended),
                SubjectRef.subjects(extended),
                extended.stream().map(head::get).toArray(String[]::new),
                extended.stream().map(added::get).toArray(Integer[]::new));
        return connection
                .preparedQuery(insertRecords)
                .execute(Tuple.tuple(columns))
                .chain(() -> connection.preparedQuery(updateHeads).execute(newHeads))
                .replaceWith(appended);
    }
}
