package io.consentmesh.runtime.chain;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.runtime.timing.PeriodicRun;
import io.micrometer.core.instrument.Counter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Signs checkpoints of a {@link ChainedLog}. Every interval, in one transaction: the chains that grew since they were
 * last checkpointed are locked ({@code SKIP LOCKED}: a chain being appended to right now simply waits for the next
 * checkpoint), grouped by tenant, and each tenant gets a checkpoint over their heads ({@link CheckpointStatement}),
 * chained to its previous one and signed. A transaction-scoped advisory lock makes instances take turns, so a tenant's
 * checkpoints are numbered once. The service's hook runs in the same transaction, e.g. to queue the checkpoint in the
 * outbox that publishes the log, after the records it covers.
 *
 * <p>Tables: the log's chain table (see {@link ChainedLog}); a checkpoint table {@code (tenant_id, sequence,
 * created_at, previous_root, root, head_count, key_id, signature)} and a head table {@code (tenant_id, sequence,
 * subject_id, chain_length, head_hash)}.
 */
public final class ChainCheckpointer {

    /** Where the checkpoints go and how they are made. */
    public record Spec(
            String name,
            String chainTable,
            String checkpointTable,
            String headTable,
            /* the first line of every statement this log signs, e.g. "consent-mesh ledger checkpoint v1" */
            String statementTitle,
            /* the key of the transaction-scoped advisory lock that makes instances take turns */
            long advisoryLock,
            int maxHeads,
            Duration interval,
            /* runs in the checkpoint's transaction once it is written */
            BiFunction<SqlConnection, CheckpointStatement, Uni<Void>> written,
            /* runs after checkpoints were committed, e.g. to wake the outbox publisher */
            Runnable committed,
            Counter signed) {}

    private final Pool database;
    private final CheckpointKey key;
    private final Spec spec;
    private final PeriodicRun runs;

    public ChainCheckpointer(Pool database, Vertx vertx, CheckpointKey key, Spec spec) {
        this.database = database;
        this.key = key;
        this.spec = spec;
        this.runs = new PeriodicRun(vertx, "checkpointing " + spec.name(), spec.interval(), this::checkpointNow);
    }

    public void start() {
        runs.start();
    }

    public void stop() {
        runs.stop();
    }

    public CheckpointKey key() {
        return key;
    }

    /** Checkpoints every chain that grew, in rounds of at most maxHeads heads. @return the chain heads covered */
    public Uni<Long> checkpointNow() {
        return round().chain(heads -> heads < spec.maxHeads()
                        ? Uni.createFrom().item((long) heads)
                        : checkpointNow().map(more -> more + heads))
                .invoke(spec.committed());
    }

    private Uni<Integer> round() {
        return database.withTransaction(connection -> connection
                .preparedQuery("SELECT pg_advisory_xact_lock($1)")
                .execute(Tuple.of(spec.advisoryLock()))
                .chain(locked -> connection
                        .preparedQuery("SELECT tenant_id, subject_id, length, head_hash FROM " + spec.chainTable()
                                + " WHERE length > checkpointed_length ORDER BY tenant_id, subject_id"
                                + " LIMIT $1 FOR UPDATE SKIP LOCKED")
                        .execute(Tuple.of(spec.maxHeads()))
                        .chain(rows -> checkpointByTenant(connection, rows))));
    }

    private Uni<Integer> checkpointByTenant(SqlConnection connection, Iterable<Row> rows) {
        Map<String, List<CheckpointStatement.Head>> byTenant = new LinkedHashMap<>();
        int count = 0;
        for (Row row : rows) {
            byTenant.computeIfAbsent(row.getString("tenant_id"), t -> new ArrayList<>())
                    .add(new CheckpointStatement.Head(
                            row.getString("subject_id").trim(),
                            row.getLong("length"),
                            row.getString("head_hash").trim()));
            count++;
        }
        int heads = count;
        return Multi.createFrom()
                .iterable(byTenant.entrySet())
                .onItem()
                .transformToUniAndConcatenate(tenant -> checkpoint(connection, tenant.getKey(), tenant.getValue()))
                .collect()
                .last()
                .replaceWith(heads);
    }

    private Uni<Void> checkpoint(SqlConnection connection, String tenant, List<CheckpointStatement.Head> heads) {
        return connection
                .preparedQuery("SELECT sequence, root FROM " + spec.checkpointTable() + " WHERE tenant_id = $1"
                        + " ORDER BY sequence DESC LIMIT 1")
                .execute(Tuple.of(tenant))
                .chain(previous -> {
                    Row last =
                            previous.iterator().hasNext() ? previous.iterator().next() : null;
                    CheckpointStatement statement = new CheckpointStatement(
                            spec.statementTitle(),
                            tenant,
                            last == null ? 1 : last.getLong("sequence") + 1,
                            Instant.now().truncatedTo(ChronoUnit.MICROS),
                            last == null ? null : last.getString("root"),
                            heads);
                    return write(connection, statement, key.sign(statement.bytes()))
                            .chain(() -> spec.written().apply(connection, statement));
                })
                .invoke(() -> spec.signed().increment());
    }

    private Uni<Void> write(SqlConnection connection, CheckpointStatement statement, String signature) {
        String tenant = statement.tenantId();
        long sequence = statement.sequence();
        String[] subjects = statement.heads().stream()
                .map(CheckpointStatement.Head::subjectId)
                .toArray(String[]::new);
        Long[] lengths =
                statement.heads().stream().map(CheckpointStatement.Head::length).toArray(Long[]::new);
        String[] hashes = statement.heads().stream()
                .map(CheckpointStatement.Head::headHash)
                .toArray(String[]::new);
        return connection
                .preparedQuery(
                        "INSERT INTO " + spec.checkpointTable() + " (tenant_id, sequence, created_at,"
                                + " previous_root, root, head_count, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.tuple()
                        .addString(tenant)
                        .addLong(sequence)
                        .addOffsetDateTime(utc(statement.createdAt()))
                        .addString(statement.previousRoot())
                        .addString(statement.root())
                        .addInteger(subjects.length)
                        .addString(key.keyId())
                        .addString(signature))
                .chain(() -> connection
                        .preparedQuery("INSERT INTO " + spec.headTable() + " (tenant_id, sequence, subject_id,"
                                + " chain_length, head_hash) SELECT $1, $2, s, l, h"
                                + " FROM unnest($3::text[], $4::bigint[], $5::text[]) AS u(s, l, h)")
                        .execute(Tuple.of(tenant, sequence, subjects, lengths, hashes)))
                .chain(() -> connection
                        .preparedQuery("UPDATE " + spec.chainTable() + " c SET checkpointed_length = u.l"
                                + " FROM unnest($2::text[], $3::bigint[]) AS u(s, l)"
                                + " WHERE c.tenant_id = $1 AND c.subject_id = u.s")
                        .execute(Tuple.of(tenant, subjects, lengths)))
                .replaceWithVoid();
    }
}
