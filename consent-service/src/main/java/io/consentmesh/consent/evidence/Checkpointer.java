package io.consentmesh.consent.evidence;

import io.consentmesh.runtime.chain.ChainCheckpointer;
import io.consentmesh.runtime.chain.CheckpointKey;
import io.consentmesh.runtime.chain.CheckpointStatement;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Signs checkpoints of the evidence ledger (a {@link ChainCheckpointer} over its chains): every interval, each tenant
 * whose chains grew gets a checkpoint over their heads, chained to its previous one and signed with the ledger's
 * Ed25519 key. The checkpoint goes to the evidence outbox in the same transaction, so it is published to
 * {@code consent.evidence.v1} after the records it covers.
 */
@ApplicationScoped
public class Checkpointer {

    private static final long CHECKPOINT_LOCK = 0x4c65646765724350L; // "LedgerCP"

    private final ChainCheckpointer checkpoints;

    Checkpointer(
            Pool database, Vertx vertx, CheckpointConfig config, EvidencePublisher publisher, MeterRegistry metrics) {
        this.checkpoints = new ChainCheckpointer(
                database,
                vertx,
                CheckpointKey.fromSeed(config.signingKey()),
                new ChainCheckpointer.Spec(
                        "the evidence ledger",
                        "subject_chain",
                        "ledger_checkpoint",
                        "ledger_checkpoint_head",
                        CheckpointStatement.LEDGER,
                        CHECKPOINT_LOCK,
                        config.maxHeads(),
                        config.interval(),
                        (connection, statement) -> connection
                                .preparedQuery("INSERT INTO evidence_outbox (checkpoint_tenant, checkpoint_sequence)"
                                        + " VALUES ($1, $2)")
                                .execute(Tuple.of(statement.tenantId(), statement.sequence()))
                                .replaceWithVoid(),
                        publisher::wake,
                        Counter.builder("mesh.consent.ledger.checkpoints")
                                .description("signed checkpoints of the evidence ledger")
                                .register(metrics)));
    }

    void start(@Observes StartupEvent started) {
        checkpoints.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        checkpoints.stop();
    }

    public CheckpointKey key() {
        return checkpoints.key();
    }

    /** Checkpoints every chain that grew, in rounds of at most max-heads heads. @return the chain heads covered */
    public Uni<Long> checkpointNow() {
        return checkpoints.checkpointNow();
    }
}
