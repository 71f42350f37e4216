package io.consentmesh.dsar.requests;

import io.consentmesh.runtime.timing.PeriodicRun;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests' clocks as gauges, read every {@code mesh.dsar.gauges-every} from the index on (status, due date): open
 * requests past their due date (overdue), those due within {@code mesh.dsar.at-risk-within} (at risk), how long the
 * oldest overdue one has been late, and those whose receipt was not confirmed to the person in time. A request is open until every service has answered it. The alerts on them are in
 * {@code deploy/k8s/base/monitoring/dsar-alerts.yaml}.
 */
@ApplicationScoped
public class DsarClockGauges {

    private final Pool database;
    private final DsarConfig config;
    private final AtomicLong overdue = new AtomicLong();
    private final AtomicLong atRisk = new AtomicLong();
    private final AtomicLong oldestOverdueSeconds = new AtomicLong();
    private final AtomicLong unconfirmed = new AtomicLong();
    private final PeriodicRun refresh;

    DsarClockGauges(Pool database, DsarConfig config, MeterRegistry meters, Vertx vertx) {
        this.database = database;
        this.config = config;
        Gauge.builder("mesh.dsar.requests.overdue", overdue, AtomicLong::get)
                .description("Open data-subject requests past their answer deadline")
                .register(meters);
        Gauge.builder("mesh.dsar.requests.at.risk", atRisk, AtomicLong::get)
                .description("Open data-subject requests due within mesh.dsar.at-risk-within")
                .register(meters);
        Gauge.builder("mesh.dsar.oldest.overdue.seconds", oldestOverdueSeconds, AtomicLong::get)
                .description("How long the oldest overdue request has been past its deadline")
                .baseUnit("seconds")
                .register(meters);
        Gauge.builder("mesh.dsar.confirmations.overdue", unconfirmed, AtomicLong::get)
                .description("Open requests whose receipt was not confirmed to the person by the date the law sets")
                .register(meters);
        this.refresh = new PeriodicRun(vertx, "the DSAR clock gauges", config.gaugesEvery(), this::refresh);
    }

    void start(@Observes StartupEvent started) {
        refresh.start();
        refresh.wake();
    }

    void stop(@Observes ShutdownEvent stopping) {
        refresh.stop();
    }

    Uni<Void> refresh() {
        return database.preparedQuery(
                        """
                        SELECT count(*) FILTER (WHERE due_at < now()) AS overdue,
                               count(*) FILTER (WHERE due_at >= now()) AS at_risk,
                               coalesce(extract(epoch FROM now() - min(due_at) FILTER (WHERE due_at < now())), 0)::bigint
                                   AS oldest,
                               (SELECT count(*) FROM dsar_request WHERE confirmed_at IS NULL
                                  AND confirm_due_at < now() AND clock_started_at IS NOT NULL
                                  AND status IN ('AWAITING_VERIFICATION', 'AWAITING_RESULTS')) AS unconfirmed
                        FROM dsar_request
                        WHERE status IN ('AWAITING_VERIFICATION', 'AWAITING_RESULTS') AND clock_started_at IS NOT NULL
                          AND due_at < now() + $1::text::interval""")
                .execute(Tuple.of(config.atRiskWithin().toString()))
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    overdue.set(row.getLong("overdue"));
                    atRisk.set(row.getLong("at_risk"));
                    oldestOverdueSeconds.set(row.getLong("oldest"));
                    unconfirmed.set(row.getLong("unconfirmed"));
                })
                .replaceWithVoid();
    }
}
