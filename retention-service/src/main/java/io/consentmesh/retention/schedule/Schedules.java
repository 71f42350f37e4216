package io.consentmesh.retention.schedule;

import static io.consentmesh.runtime.sql.Timestamps.instant;

import io.consentmesh.contracts.http.Problem;
import io.consentmesh.retention.proof.RetentionLog;
import io.consentmesh.runtime.http.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each tenant's schedules, as rows: made from the default profile the first time a tenant is seen, changed per
 * category or by applying another profile. Every change is recorded ({@code retention_schedule_change}) and gives the
 * tenant's items of that category that wait for their date a new one, in the same transaction.
 */
@ApplicationScoped
public class Schedules {

    static final String SERVICE = "retention-service";

    private final Pool database;
    // tenants whose rows exist: no statement for them on the inventory's path
    private final Set<String> seeded = ConcurrentHashMap.newKeySet();

    Schedules(Pool database) {
        this.database = database;
    }

    /** The tenant's rows, made from the default profile (and recorded) when it has none yet. */
    public Uni<Void> ensureTenants(Set<String> tenants) {
        List<String> unseen =
                tenants.stream().filter(t -> !seeded.contains(t)).sorted().toList();
        if (unseen.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> all = Uni.createFrom().voidItem();
        for (String tenant : unseen) {
            all = all.chain(() -> database.withConnection(c -> seed(
                                    c,
                                    tenant,
                                    ScheduleProfile.DEFAULT,
                                    "the tenant's first item or request: the default profile applies",
                                    SERVICE))
                            .invoke(() -> seeded.add(tenant)))
                    .replaceWithVoid();
        }
        return all;
    }

    public Uni<List<ScheduleView>> ofTenant(String tenant) {
        return ensureTenants(Set.of(tenant))
                .chain(() -> database.preparedQuery(
                                "SELECT * FROM retention_schedule WHERE tenant_id = $1 ORDER BY category")
                        .execute(Tuple.of(tenant)))
                .map(rows -> {
                    List<ScheduleView> views = new ArrayList<>();
                    rows.forEach(row -> views.add(view(row)));
                    return views;
                });
    }

    public Uni<List<ScheduleChangeView>> changesOf(String tenant) {
        return database.preparedQuery(
                        "SELECT * FROM retention_schedule_change WHERE tenant_id = $1 ORDER BY id DESC LIMIT 1000")
                .execute(Tuple.of(tenant))
                .map(rows -> {
                    List<ScheduleChangeView> views = new ArrayList<>();
                    for (Row row : rows) {
                        views.add(new ScheduleChangeView(
                                row.getLong("id"),
                                row.getString("tenant_id"),
                                row.getString("category"),
                                row.getString("old_period"),
                                row.getString("new_period"),
                                row.getString("trigger"),
                                row.getString("profile"),
                                row.getString("reason"),
                                row.getString("changed_by"),
                                instant(row.getOffsetDateTime("changed_at")),
                                row.getLong("items_affected")));
                    }
                    return views;
                });
    }

    /**
     * A new period for one category; refused (422) outside the category's legal minimum and maximum. The tenant's
     * items of the category still waiting for their date get the new one.
     */
    public Uni<ScheduleView> change(String tenant, Category category, ScheduleChangeRequest request, String by) {
        return ensureTenants(Set.of(tenant))
                .chain(() -> database.withTransaction(tx -> tx.preparedQuery("SELECT * FROM retention_schedule"
                                + " WHERE tenant_id = $1 AND category = $2 FOR UPDATE")
                        .execute(Tuple.of(tenant, category.name()))
                        .chain(rows -> {
                            Row row = rows.iterator().next();
                            RetentionSchedule current = schedule(row);
                            RetentionSchedule changed;
                            try {
                                changed = current.withPeriod(request.parsedPeriod());
                            } catch (IllegalArgumentException outside) {
                                throw new ProblemException(Problem.of(
                                        422,
                                        "schedule-outside-legal-bounds",
                                        "The period is outside what the law or policy allows",
                                        outside.getMessage()));
                            }
                            return apply(
                                    tx,
                                    tenant,
                                    changed,
                                    row.getString("period"),
                                    row.getString("profile"),
                                    request.reason(),
                                    by);
                        })))
                .chain(() -> one(tenant, category));
    }

    /** Every category of the tenant from a shipped profile (each change recorded, due dates recomputed). */
    public Uni<List<ScheduleView>> applyProfile(String tenant, ProfileChangeRequest request, String by) {
        ScheduleProfile profile = request.parsedProfile();
        return ensureTenants(Set.of(tenant))
                .chain(() -> database.withTransaction(
                        tx -> tx.preparedQuery("SELECT category, period FROM retention_schedule WHERE tenant_id = $1"
                                        + " ORDER BY category FOR UPDATE")
                                .execute(Tuple.of(tenant))
                                .chain(rows -> {
                                    Uni<Void> all = Uni.createFrom().voidItem();
                                    for (Row row : rows) {
                                        Category category = Category.valueOf(row.getString("category"));
                                        String old = row.getString("period");
                                        all = all.chain(() -> apply(
                                                tx,
                                                tenant,
                                                profile.schedule(category),
                                                old,
                                                profile.id(),
                                                request.reason(),
                                                by));
                                    }
                                    return all;
                                })))
                .chain(() -> ofTenant(tenant));
    }

    private Uni<Void> apply(
            SqlConnection tx,
            String tenant,
            RetentionSchedule schedule,
            String oldPeriod,
            String profile,
            String reason,
            String by) {
        String category = schedule.category().name();
        String period = schedule.period().toString();
        return tx.preparedQuery(
                        """
                        UPDATE retention_schedule SET period = $3, trigger = $4, minimum = $5, maximum = $6,
                               legal_basis = $7, profile = $8, changed_at = now(), changed_by = $9
                        WHERE tenant_id = $1 AND category = $2""")
                .execute(Tuple.from(Arrays.asList(
                        tenant,
                        category,
                        period,
                        schedule.trigger().name(),
                        text(schedule.minimum()),
                        text(schedule.maximum()),
                        schedule.legalBasis(),
                        profile,
                        by)))
                // items that wait for their date (not those a violation or a request made due) get the new one;
                // a hold is looked at again when the new date comes
                .chain(() -> tx.preparedQuery(
                                """
                                UPDATE inventory_item
                                SET due_at = trigger_at + $3::text::interval, next_action_at = trigger_at + $3::text::interval,
                                    held_since = NULL
                                WHERE tenant_id = $1 AND category = $2 AND status = 'RETAINED' AND reason IS NULL
                                  AND trigger_at IS NOT NULL AND settled_at IS NULL""")
                        .execute(Tuple.of(tenant, category, period)))
                .chain(affected -> tx.preparedQuery(
                                """
                                INSERT INTO retention_schedule_change (tenant_id, category, old_period, new_period,
                                    trigger, profile, reason, changed_by, changed_at, items_affected)
                                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), $9) RETURNING id, items_affected""")
                        .execute(Tuple.from(Arrays.asList(
                                tenant,
                                category,
                                oldPeriod,
                                period,
                                schedule.trigger().name(),
                                profile,
                                reason,
                                by,
                                (long) affected.rowCount()))))
                .chain(change -> {
                    Row row = change.iterator().next();
                    return RetentionLog.append(
                            tx,
                            List.of(RetentionLog.entry(
                                    tenant,
                                    null,
                                    RetentionLog.Kind.SCHEDULE_CHANGED,
                                    null,
                                    "change-" + row.getLong("id"),
                                    RetentionLog.detail(
                                            "category", category,
                                            "oldPeriod", oldPeriod,
                                            "newPeriod", period,
                                            "profile", profile,
                                            "reason", reason,
                                            "by", by,
                                            "itemsRedated", row.getLong("items_affected")))));
                });
    }

    /** One statement: the profile's rows where the tenant has none, and a change record for each row made. */
    private static Uni<RowSet<Row>> seed(
            SqlConnection connection, String tenant, ScheduleProfile profile, String reason, String by) {
        List<RetentionSchedule> schedules =
                Arrays.stream(Category.values()).map(profile::schedule).toList();
        return connection
                .preparedQuery(
                        """
                        WITH made AS (
                            INSERT INTO retention_schedule (tenant_id, category, period, trigger, minimum, maximum,
                                                            legal_basis, profile, changed_at, changed_by)
                            SELECT $1, s.category, s.period, s.trigger, s.minimum, s.maximum, s.basis, $2, now(), $3
                            FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
                                 AS s (category, period, trigger, minimum, maximum, basis)
                            ON CONFLICT DO NOTHING
                            RETURNING category, period, trigger)
                        INSERT INTO retention_schedule_change (tenant_id, category, old_period, new_period, trigger,
                                                               profile, reason, changed_by, changed_at, items_affected)
                        SELECT $1, category, NULL, period, trigger, $2, $10, $3, now(), 0 FROM made""")
                .execute(Tuple.from(Arrays.asList(
                        tenant,
                        profile.id(),
                        by,
                        schedules.stream().map(s -> s.category().name()).toArray(String[]::new),
                        schedules.stream().map(s -> s.period().toString()).toArray(String[]::new),
                        schedules.stream().map(s -> s.trigger().name()).toArray(String[]::new),
                        schedules.stream().map(s -> text(s.minimum())).toArray(String[]::new),
                        schedules.stream().map(s -> text(s.maximum())).toArray(String[]::new),
                        schedules.stream().map(RetentionSchedule::legalBasis).toArray(String[]::new),
                        reason)));
    }

    private Uni<ScheduleView> one(String tenant, Category category) {
        return database.preparedQuery("SELECT * FROM retention_schedule WHERE tenant_id = $1 AND category = $2")
                .execute(Tuple.of(tenant, category.name()))
                .map(rows -> view(rows.iterator().next()));
    }

    private static RetentionSchedule schedule(Row row) {
        return new RetentionSchedule(
                Category.valueOf(row.getString("category")),
                Period.parse(row.getString("period")),
                Trigger.valueOf(row.getString("trigger")),
                period(row.getString("minimum")),
                period(row.getString("maximum")),
                row.getString("legal_basis"));
    }

    private static ScheduleView view(Row row) {
        return new ScheduleView(
                row.getString("tenant_id"),
                row.getString("category"),
                row.getString("period"),
                row.getString("trigger"),
                row.getString("minimum"),
                row.getString("maximum"),
                row.getString("legal_basis"),
                row.getString("profile"),
                instant(row.getOffsetDateTime("changed_at")),
                row.getString("changed_by"));
    }

    private static Period period(String text) {
        return text == null ? null : Period.parse(text);
    }

    private static String text(Period period) {
        return period == null ? null : period.toString();
    }
}
