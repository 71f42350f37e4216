package io.consentmesh.consent.ledger;

import io.consentmesh.runtime.chain.CheckpointKey;
import io.consentmesh.runtime.chain.CheckpointStatement;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Signs checkpoints of the evidence ledger. Every interval, in one transaction: the chains that grew since they were
 * last checkpointed are locked ({@code SKIP LOCKED}: a chain being appended to right now simply waits for the next
 * checkpoint), grouped by tenant, and each tenant gets a checkpoint over their heads, chained to its previous one and
 * signed; the checkpoint goes to the evidence outbox, so it is published to {@code consent.evidence.v1} after the
 * records it covers. A transaction-scoped advisory lock makes instances take turns, so a tenant's checkpoints are
 * numbered once.
 */
@ApplicationScoped
public class Checkpointer {

    private static final Logger LOG = Logger.getLogger(Checkpointer.class);
    private static final long CHECKPOINT_LOCK = 0x4c65646765724350L; // "LedgerCP"

    private final Pool database;
    private final Vertx vertx;
    private final CheckpointConfig config;
    private final CheckpointKey key;
    private final EvidencePublisher publisher;
    private final Counter signed;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    Checkpointer(
            Pool database, Vertx vertx, CheckpointConfig config, EvidencePublisher publisher, MeterRegistry metrics) {
        this.database = database;
        this.vertx = vertx;
        this.config = config;
        this.key = CheckpointKey.fromSeed(config.signingKey());
        this.publisher = publisher;
        this.signed = Counter.builder("mesh.consent.ledger.checkpoints")
                .description("signed checkpoints of the evidence ledger")
                .register(metrics);
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(config.interval().toMillis(), id -> wake());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    public CheckpointKey key() {
        return key;
    }

    private void wake() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        checkpointNow().subscribe().with(count -> running.set(false), failure -> {
            running.set(false);
            LOG.warnf("checkpointing the ledger failed (%s); retried at the next interval", failure.toString());
        });
    }

    /** Checkpoints every chain that grew, in rounds of at most max-heads heads. @return the chain heads covered */
    public Uni<Long> checkpointNow() {
        return round().chain(heads -> heads < config.maxHeads()
                        ? Uni.createFrom().item((long) heads)
                        : checkpointNow().map(more -> more + heads))
                .invoke(publisher::wake);
    }

    private Uni<Integer> round() {
        return database.withTransaction(connection -> connection
                .preparedQuery("SELECT pg_advisory_xact_lock($1)")
                .execute(Tuple.of(CHECKPOINT_LOCK))
                .chain(locked -> connection
                        .preparedQuery("SELECT tenant_id, subject_id, length, head_hash FROM subject_chain"
                                + " WHERE length > checkpointed_length ORDER BY tenant_id, subject_id"
                                + " LIMIT $1 FOR UPDATE SKIP LOCKED")
                        .execute(Tuple.of(config.maxHeads()))
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
                .preparedQuery("SELECT sequence, root FROM ledger_checkpoint WHERE tenant_id = $1"
                        + " ORDER BY sequence DESC LIMIT 1")
                .execute(Tuple.of(tenant))
                .chain(previous -> {
                    Row last =
                            previous.iterator().hasNext() ? previous.iterator().next() : null;
                    long sequence = last == null ? 1 : last.getLong("sequence") + 1;
                    String previousRoot = last == null ? null : last.getString("root");
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    CheckpointStatement statement = new CheckpointStatement(tenant, sequence, now, previousRoot, heads);
                    return write(connection, statement, key.sign(statement.bytes()));
                })
                .invoke(() -> signed.increment());
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
                .preparedQuery("INSERT INTO ledger_checkpoint (tenant_id, sequence, created_at, previous_root, root,"
                        + " head_count, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.tuple()
                        .addString(tenant)
                        .addLong(sequence)
                        .addOffsetDateTime(OffsetDateTime.ofInstant(statement.createdAt(), ZoneOffset.UTC))
                        .addString(statement.previousRoot())
                        .addString(statement.root())
                        .addInteger(subjects.length)
                        .addString(key.keyId())
                        .addString(signature))
                .chain(() -> connection
                        .preparedQuery("INSERT INTO ledger_checkpoint_head (tenant_id, sequence, subject_id,"
                                + " chain_length, head_hash) SELECT $1, $2, s, l, h"
                                + " FROM unnest($3::text[], $4::bigint[], $5::text[]) AS u(s, l, h)")
                        .execute(Tuple.of(tenant, sequence, subjects, lengths, hashes)))
                .chain(() -> connection
                        .preparedQuery("UPDATE subject_chain c SET checkpointed_length = u.l"
                                + " FROM unnest($2::text[], $3::bigint[]) AS u(s, l)"
                                + " WHERE c.tenant_id = $1 AND c.subject_id = u.s")
                        .execute(Tuple.of(tenant, subjects, lengths)))
                .chain(() -> connection
                        .preparedQuery("INSERT INTO evidence_outbox (checkpoint_tenant, checkpoint_sequence)"
                                + " VALUES ($1, $2)")
                        .execute(Tuple.of(tenant, sequence)))
                .replaceWithVoid();
    }
}
