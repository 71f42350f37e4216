package io.consentmesh.consent.disclosure;

import io.consentmesh.contracts.envelope.TenantId;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hibernate.reactive.mutiny.Mutiny;
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

    private final Mutiny.SessionFactory sessions;
    private final DisclosureJudge judge;
    private final DisclosureConfig config;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    CallSweep(Mutiny.SessionFactory sessions, DisclosureJudge judge, DisclosureConfig config, Vertx vertx) {
        this.sessions = sessions;
        this.judge = judge;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(config.sweepInterval().toMillis(), id -> {
            if (!running.compareAndSet(false, true)) {
                return;
            }
            // Hibernate Reactive runs only on a duplicated (request-like) context, which a timer does not give
            Context context =
                    VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> Uni.createFrom()
                    .deferred(this::sweep)
                    .subscribe()
                    .with(judged -> running.set(false), failure -> {
                        running.set(false);
                        LOG.warnf("judging due calls failed (%s); retried at the next sweep", failure.toString());
                    }));
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
                        "SELECT tenant_id, call_id FROM call_disclosure WHERE ended_at < :cutoff"
                                + " AND (verdict IS NULL OR verdict = 'INCOMPLETE') LIMIT " + BATCH,
                        now.minus(config.settle()),
                        DisclosureJudge.Trigger.SETTLED)
                .chain(judged -> due(
                                "SELECT tenant_id, call_id FROM call_disclosure WHERE ended_at IS NULL"
                                        + " AND incomplete_at IS NULL AND first_event_at < :cutoff LIMIT " + BATCH,
                                now.minus(config.incompleteAfter()),
                                DisclosureJudge.Trigger.TIMED_OUT)
                        .map(flagged -> judged + flagged));
    }

    private Uni<Integer> due(String query, OffsetDateTime cutoff, DisclosureJudge.Trigger trigger) {
        return sessions.withSession(session -> session.createNativeQuery(query, Object[].class)
                        .setParameter("cutoff", cutoff)
                        .getResultList())
                .chain(calls -> Multi.createFrom()
                        .iterable(calls)
                        .onItem()
                        .transformToUniAndConcatenate(call -> sessions.withTransaction(session ->
                                judge.judge(session, new TenantId((String) call[0]), (String) call[1], trigger)))
                        .collect()
                        .asList()
                        .map(List::size));
    }
}
