package io.consentmesh.ingest.retention;

import io.consentmesh.ingest.config.IngestConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Deletes published receipts and call parties once no provider can still retry the webhook or call back about the
 * call. Without it both tables grow by one row per webhook forever. Several instances may purge at once: a delete is
 * harmless to repeat. Claims still PENDING are never purged (EventPublisher takes them over after its own timeout).
 */
@ApplicationScoped
public class ReceiptRetention {

    private static final Logger LOG = Logger.getLogger(ReceiptRetention.class);
    /** Rows per statement, so one purge never holds a long transaction or a large lock set. */
    static final int BATCH = 10_000;

    private final Pool database;
    private final IngestConfig config;
    private final Vertx vertx;
    private final Clock clock = Clock.systemUTC();
    private long timer = -1;

    ReceiptRetention(Pool database, IngestConfig config, Vertx vertx) {
        this.database = database;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(config.receiptPurgeInterval().toMillis(), id -> purge(
                        clock.instant().minus(config.receiptRetention()))
                .subscribe()
                .with(
                        removed -> {
                            if (removed > 0) {
                                LOG.infof("purged %d receipts and call parties past retention", removed);
                            }
                        },
                        failure -> LOG.warn("receipt purge failed; the next run retries", failure)));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** @return how many rows were deleted: published receipts claimed, and call parties created, before {@code before} */
    public Uni<Long> purge(Instant before) {
        return purgeAll(
                        "DELETE FROM webhook_receipt WHERE event_id IN (SELECT event_id FROM webhook_receipt"
                                + " WHERE claimed_at < $1 AND state = 'PUBLISHED' LIMIT " + BATCH + ")",
                        before,
                        0)
                .chain(receipts -> purgeAll(
                        "DELETE FROM call_party WHERE (provider, call_id) IN (SELECT provider, call_id FROM call_party"
                                + " WHERE created_at < $1 LIMIT " + BATCH + ")",
                        before,
                        receipts));
    }

    private Uni<Long> purgeAll(String batchDelete, Instant before, long removedSoFar) {
        return database.preparedQuery(batchDelete)
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC)))
                .chain(result -> {
                    long removed = removedSoFar + result.rowCount();
                    return result.rowCount() < BATCH
                            ? Uni.createFrom().item(removed)
                            : purgeAll(batchDelete, before, removed);
                });
    }
}
