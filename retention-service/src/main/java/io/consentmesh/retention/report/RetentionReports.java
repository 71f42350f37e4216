package io.consentmesh.retention.report;

import static io.consentmesh.runtime.sql.Timestamps.instant;

import io.consentmesh.retention.config.RetentionConfig;
import io.consentmesh.retention.schedule.Schedules;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The retention report of a tenant, one line per category of its schedule (categories with no items show zeros). */
@ApplicationScoped
public class RetentionReports {

    private final Pool database;
    private final Schedules schedules;
    private final double graceSeconds;

    RetentionReports(Pool database, Schedules schedules, RetentionConfig config) {
        this.database = database;
        this.schedules = schedules;
        this.graceSeconds = config.escalateAfter().toMillis() / 1000.0;
    }

    public Uni<RetentionReport> of(String tenant) {
        return schedules
                .ensureTenants(Set.of(tenant))
                .chain(() -> database.preparedQuery(
                                """
                                SELECT s.category, s.period, s.legal_basis,
                                  count(i.id) FILTER (WHERE i.settled_at IS NULL AND i.held_since IS NULL
                                                      AND (i.due_at IS NULL OR i.due_at > now())) AS retained,
                                  count(i.id) FILTER (WHERE i.settled_at IS NULL AND i.held_since IS NULL
                                                      AND i.due_at <= now()
                                                      AND i.due_at > now() - make_interval(secs => $2)) AS due,
                                  count(i.id) FILTER (WHERE i.settled_at IS NULL AND i.held_since IS NOT NULL) AS held,
                                  count(i.id) FILTER (WHERE i.settled_at IS NULL AND i.held_since IS NULL
                                                      AND i.due_at <= now() - make_interval(secs => $2)) AS overdue,
                                  count(i.id) FILTER (WHERE i.settled_at IS NOT NULL) AS deleted,
                                  count(c.item_id) AS certified,
                                  min(i.due_at) FILTER (WHERE i.settled_at IS NULL AND i.held_since IS NULL
                                                        AND i.due_at <= now() - make_interval(secs => $2)) AS oldest
                                FROM retention_schedule s
                                     LEFT JOIN inventory_item i ON i.tenant_id = s.tenant_id AND i.category = s.category
                                     LEFT JOIN disposal_certificate c ON c.item_id = i.id
                                WHERE s.tenant_id = $1
                                GROUP BY s.category, s.period, s.legal_basis
                                ORDER BY s.category""")
                        .execute(Tuple.of(tenant, graceSeconds)))
                .map(rows -> {
                    List<RetentionReport.Line> lines = new ArrayList<>();
                    for (Row row : rows) {
                        lines.add(new RetentionReport.Line(
                                row.getString("category"),
                                row.getString("period"),
                                row.getString("legal_basis"),
                                row.getLong("retained"),
                                row.getLong("due"),
                                row.getLong("held"),
                                row.getLong("overdue"),
                                row.getLong("deleted"),
                                row.getLong("certified"),
                                instant(row.getOffsetDateTime("oldest"))));
                    }
                    return new RetentionReport(tenant, Instant.now(), lines);
                });
    }
}
