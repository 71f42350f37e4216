package io.consentmesh.retention.deletion;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The state of deletions as gauges, read every {@code mesh.retention.gauges-every} with index-bounded counts (no scan
 * of the inventory): items due now, overdue (past their due date, undeleted, not held), held, escalated and still
 * undeleted, and the age of the oldest overdue item. Failed receipts are a counter ({@code mesh.retention.receipts}).
 */
@ApplicationScoped
public class RetentionGauges {

    private static final Logger LOG = Logger.getLogger(RetentionGauges.class);

    private final Pool database;
    private final AtomicLong due = new AtomicLong();
    private final AtomicLong overdue = new AtomicLong();
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong escalated = new AtomicLong();
    private final AtomicLong oldestOverdueSeconds = new AtomicLong();

    RetentionGauges(Pool database, MeterRegistry meters) {
        this.database = database;
        Gauge.builder("mesh.retention.items.due", due, AtomicLong::get)
                .description("Items whose next deletion step is due now")
                .register(meters);
        Gauge.builder("mesh.retention.items.overdue", overdue, AtomicLong::get)
                .description("Items past their due date, not deleted and not held")
                .register(meters);
        Gauge.builder("mesh.retention.items.held", held, AtomicLong::get)
                .description("Due items a legal hold keeps")
                .register(meters);
        Gauge.builder("mesh.retention.items.escalated.open", escalated, AtomicLong::get)
                .description("Escalated items still not deleted")
                .register(meters);
        Gauge.builder("mesh.retention.oldest.overdue.seconds", oldestOverdueSeconds, AtomicLong::get)
                .description("How long the oldest overdue item has been past its due date")
                .baseUnit("seconds")
                .register(meters);
    }

    @Scheduled(every = "${mesh.retention.gauges-every:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return database.query(
                        """
                        SELECT
                          (SELECT count(*) FROM inventory_item WHERE next_action_at <= now()) AS due,
                          (SELECT count(*) FROM inventory_item
                           WHERE settled_at IS NULL AND due_at < now() AND held_since IS NULL) AS overdue,
                          (SELECT count(*) FROM inventory_item WHERE held_since IS NOT NULL) AS held,
                          (SELECT count(*) FROM inventory_item
                           WHERE settled_at IS NULL AND escalated_at IS NOT NULL AND due_at < now()) AS escalated,
                          (SELECT coalesce(extract(epoch FROM now() - min(due_at)), 0)::bigint FROM inventory_item
                           WHERE settled_at IS NULL AND due_at < now() AND held_since IS NULL) AS oldest""")
                .execute()
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    due.set(row.getLong("due"));
                    overdue.set(row.getLong("overdue"));
                    held.set(row.getLong("held"));
                    escalated.set(row.getLong("escalated"));
                    oldestOverdueSeconds.set(row.getLong("oldest"));
                })
                .replaceWithVoid()
                .onFailure()
                .recoverWithUni(failure -> {
                    LOG.debugf("retention gauges not refreshed: %s", failure.toString());
                    return Uni.createFrom().voidItem();
                });
    }
}
