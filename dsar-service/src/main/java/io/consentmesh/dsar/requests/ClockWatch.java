package io.consentmesh.dsar.requests;

import io.consentmesh.dsar.record.DsarRecord;
import io.consentmesh.runtime.timing.PeriodicRun;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Raises a request that is at risk or overdue as an event: an AT_RISK or OVERDUE step on its record, published on
 * {@code dsar.request.v1} like every step, once per deadline (an extension's new deadline raises them again). The
 * gauges count the same requests for the alerts; the events tell which ones, for the tenant's own tooling.
 */
@ApplicationScoped
public class ClockWatch {

    private static final int BATCH = 200;

    private final Pool database;
    private final DsarConfig config;
    private final DsarRecord record;
    private final MeterRegistry meters;
    private final PeriodicRun run;

    ClockWatch(Pool database, DsarConfig config, DsarRecord record, MeterRegistry meters, Vertx vertx) {
        this.database = database;
        this.config = config;
        this.record = record;
        this.meters = meters;
        this.run = new PeriodicRun(vertx, "the DSAR clock watch", config.gaugesEvery(), this::raise);
        // both series from the start: a dashboard or alert on them has data before the first alarm
        for (String kind : new String[] {"at_risk", "overdue"}) {
            meters.counter("mesh.dsar.clock.raised", "kind", kind);
        }
    }

    void start(@Observes StartupEvent started) {
        run.start();
        run.wake();
    }

    void stop(@Observes ShutdownEvent stopping) {
        run.stop();
    }

    /** One pass: the open requests whose clock state has no step yet for their current deadline. */
    Uni<Void> raise() {
        return database.withTransaction(tx -> tx.preparedQuery(
                                """
                                SELECT r.id, r.tenant_id, r.subject_id, r.due_at,
                                       CASE WHEN r.due_at < now() THEN 'OVERDUE' ELSE 'AT_RISK' END AS kind
                                FROM dsar_request r
                                WHERE r.status IN ('AWAITING_VERIFICATION', 'AWAITING_RESULTS')
                                  AND r.clock_started_at IS NOT NULL AND r.due_at < now() + $1::text::interval
                                  AND NOT EXISTS (SELECT 1 FROM dsar_record d WHERE d.request_id = r.id
                                                    AND d.kind = CASE WHEN r.due_at < now() THEN 'OVERDUE'
                                                                      ELSE 'AT_RISK' END
                                                    AND d.detail ->> 'dueAt' = to_char(r.due_at AT TIME ZONE 'UTC',
                                                        'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
                                ORDER BY r.due_at LIMIT $2 FOR UPDATE OF r SKIP LOCKED""")
                        .execute(Tuple.of(config.atRiskWithin().toString(), BATCH))
                        .chain(rows -> {
                            List<Row> due = new ArrayList<>();
                            rows.forEach(due::add);
                            return append(tx, due, 0);
                        }))
                .invoke(record::published);
    }

    private Uni<Void> append(SqlConnection tx, List<Row> due, int next) {
        if (next == due.size()) {
            return Uni.createFrom().voidItem();
        }
        Row row = due.get(next);
        UUID id = row.getUUID("id");
        String kind = row.getString("kind");
        Instant dueAt = row.getOffsetDateTime("due_at").toInstant();
        meters.counter("mesh.dsar.clock.raised", "kind", kind.toLowerCase()).increment();
        return record.append(
                        tx,
                        row.getString("tenant_id"),
                        row.getString("subject_id").trim(),
                        id,
                        DsarRecord.Kind.valueOf(kind),
                        id + "/" + dueAt,
                        DsarRecord.detail("dueAt", canonicalInstant(dueAt)))
                .chain(() -> append(tx, due, next + 1));
    }

    /** The deadline as the NOT EXISTS above compares it: always six fractional digits, UTC. */
    static String canonicalInstant(Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
                .withZone(java.time.ZoneOffset.UTC)
                .format(at);
    }
}
