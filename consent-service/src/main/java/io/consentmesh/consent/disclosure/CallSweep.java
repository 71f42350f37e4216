package io.consentmesh.consent.disclosure;

import io.consentmesh.contracts.envelope.TenantId;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Judges calls when they are due: a call that ended more than {@code settle} ago and has no verdict yet is judged; a
 * call whose first event is older than {@code incomplete-after} and that has no end gets the verdict INCOMPLETE in the
 * ledger, so that a missing hang-up or a lost webhook is seen, not silently left unjudged (if its end arrives later,
 * it is judged as usual).
 */
@ApplicationScoped
public class CallSweep {

    private static final Logger LOG = Logger.getLogger(CallSweep.class);
    private static final int BATCH = 200;

    private final Pool database;
    private final DisclosureJudge judge;
    private final DisclosureConfig config;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    CallSweep(Pool database, DisclosureJudge judge, DisclosureConfig config, Vertx vertx) {
        this.database = database;
        this.judge = judge;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(config.sweepInterval().toMillis(), id -> {
            if (!running.compareAndSet(false, true)) {
                return;
            }
            Uni.createFrom().deferred(this::sweep).subscribe().with(judged -> running.set(false), failure -> {
                running.set(false);
                LOG.warnf("judging due calls failed (%s); retried at the next sweep", failure.toString());
            });
        });
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** @return how many calls were judged or flagged */
    public Uni<Integer> sweep() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return due(
                        "SELECT tenant_id, call_id FROM call_disclosure WHERE ended_at < $1"
                                + " AND (verdict IS NULL OR verdict = 'INCOMPLETE') LIMIT " + BATCH,
                        now.minus(config.settle()),
                        DisclosureJudge.Trigger.SETTLED)
                .chain(judged -> due(
                                "SELECT tenant_id, call_id FROM call_disclosure WHERE ended_at IS NULL"
                                        + " AND incomplete_at IS NULL AND first_event_at < $1 LIMIT " + BATCH,
                                now.minus(config.incompleteAfter()),
                                DisclosureJudge.Trigger.TIMED_OUT)
                        .map(flagged -> judged + flagged));
    }

    private Uni<Integer> due(String query, OffsetDateTime cutoff, DisclosureJudge.Trigger trigger) {
        return database.preparedQuery(query).execute(Tuple.of(cutoff)).chain(calls -> Multi.createFrom()
                .iterable(calls)
                .onItem()
                .transformToUniAndConcatenate((Row call) -> database.withTransaction(connection -> judge.judge(
                        connection, new TenantId(call.getString("tenant_id")), call.getString("call_id"), trigger)))
                .collect()
                .asList()
                .map(List::size));
    }
}
