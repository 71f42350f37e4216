package io.consentmesh.retention.inventory;

import static io.consentmesh.runtime.sql.Timestamps.instant;
import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.retention.config.RetentionConfig;
import io.consentmesh.retention.proof.RetentionLog;
import io.consentmesh.retention.schedule.Schedules;
import io.consentmesh.retention.schedule.Trigger;
import io.consentmesh.runtime.chain.EventLog;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The inventory of stored items and their deletion due dates. Items are recorded once per id and once per tenant,
 * store and reference, however often their event or request arrives; a due date comes from the tenant's schedule of
 * the item's category (read under a share lock, so that a schedule change in progress is waited for and then
 * recomputes this item too).
 */
@ApplicationScoped
public class Inventory {

    private final Pool database;
    private final Schedules schedules;
    private final double violationDelaySeconds;

    Inventory(Pool database, Schedules schedules, RetentionConfig config) {
        this.database = database;
        this.schedules = schedules;
        this.violationDelaySeconds = config.violationDeletionDelay().toMillis() / 1000.0;
    }

    /** Records the items; answers the ids of those that were new (the others were inventoried before). */
    public Uni<Set<UUID>> record(List<NewItem> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        Set<String> tenants = items.stream().map(NewItem::tenantId).collect(Collectors.toSet());
        return schedules
                .ensureTenants(tenants)
                .chain(() -> database.withTransaction(tx -> tx.preparedQuery(
                                """
                                WITH n AS (
                                    SELECT * FROM unnest($1::uuid[], $2::text[], $3::char(64)[], $4::text[], $5::text[],
                                                         $6::text[], $7::text[], $8::text[], $9::text[],
                                                         $10::timestamptz[], $11::timestamptz[])
                                         AS n (id, tenant_id, subject_id, source_event_id, category, store, item_ref,
                                               call_id, address, stored_at, trigger_fact)),
                                s AS (
                                    SELECT s.* FROM retention_schedule s
                                    WHERE (s.tenant_id, s.category) IN (SELECT tenant_id, category FROM n)
                                    FOR SHARE)
                                INSERT INTO inventory_item (id, tenant_id, subject_id, source_event_id, category,
                                    item_ref, call_id, storage_uri, store, stored_at, trigger, trigger_at, due_at,
                                    next_action_at, status)
                                SELECT n.id, n.tenant_id, n.subject_id, n.source_event_id, n.category, n.item_ref,
                                       n.call_id, n.address, n.store, n.stored_at, s.trigger, t.at,
                                       t.at + s.period::interval, t.at + s.period::interval, 'RETAINED'
                                FROM n JOIN s ON s.tenant_id = n.tenant_id AND s.category = n.category
                                     CROSS JOIN LATERAL (SELECT CASE WHEN s.trigger = 'STORED' THEN n.stored_at
                                                                     ELSE n.trigger_fact END AS at) t
                                ON CONFLICT DO NOTHING
                                RETURNING id, tenant_id, subject_id, category, store, item_ref, trigger, due_at""")
                        .execute(Tuple.from(Arrays.asList(
                                items.stream().map(NewItem::id).toArray(UUID[]::new),
                                items.stream().map(NewItem::tenantId).toArray(String[]::new),
                                items.stream().map(NewItem::subjectId).toArray(String[]::new),
                                items.stream().map(NewItem::sourceEventId).toArray(String[]::new),
                                items.stream().map(i -> i.category().name()).toArray(String[]::new),
                                items.stream().map(NewItem::store).toArray(String[]::new),
                                items.stream().map(NewItem::itemRef).toArray(String[]::new),
                                items.stream().map(NewItem::callId).toArray(String[]::new),
                                items.stream().map(NewItem::address).toArray(String[]::new),
                                items.stream().map(i -> utc(i.storedAt())).toArray(OffsetDateTime[]::new),
                                items.stream()
                                        .map(i -> i.triggerFact() == null ? null : utc(i.triggerFact()))
                                        .toArray(OffsetDateTime[]::new))))
                        .chain(rows -> {
                            Set<UUID> made = new HashSet<>();
                            List<EventLog.Entry> logged = new ArrayList<>();
                            for (Row row : rows) {
                                made.add(row.getUUID("id"));
                                logged.add(inventoried(row));
                            }
                            if (made.isEmpty()) {
                                return Uni.createFrom().item(made);
                            }
                            // a recording inventoried after its call's violation is quarantined like the others
                            return tx.preparedQuery(
                                            """
                                            UPDATE inventory_item i
                                            SET pending_action = 'QUARANTINE', reason = 'DISCLOSURE_VIOLATION',
                                                due_at = v.decided_at + make_interval(secs => $2),
                                                next_action_at = now()
                                            FROM call_violation v
                                            WHERE i.id = ANY($1) AND v.tenant_id = i.tenant_id
                                              AND v.call_id = i.call_id AND i.category IN ('RECORDING', 'TRANSCRIPT')""")
                                    .execute(Tuple.of(made.toArray(UUID[]::new), violationDelaySeconds))
                                    .chain(() -> RetentionLog.append(tx, logged))
                                    .replaceWith(made);
                        })));
    }

    private static EventLog.Entry inventoried(Row row) {
        return RetentionLog.entry(
                row.getString("tenant_id"),
                row.getString("subject_id"),
                RetentionLog.Kind.INVENTORIED,
                row.getUUID("id"),
                row.getUUID("id").toString(),
                RetentionLog.detail(
                        "category", row.getString("category"),
                        "store", row.getString("store"),
                        "itemRef", row.getString("item_ref"),
                        "trigger", row.getString("trigger"),
                        "dueAt", text(instant(row.getOffsetDateTime("due_at")))));
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    /**
     * The trigger of items waiting for it happened (a call ended, a relationship ended): they get their due date. Items
     * are named by call ({@code callId}) or by store and reference.
     */
    public Uni<Integer> triggered(
            String tenant, Trigger trigger, String callId, String store, String itemRef, Instant at) {
        return database.withTransaction(tx -> tx.preparedQuery(
                        """
                        UPDATE inventory_item i
                        SET trigger_at = $6::timestamptz, due_at = $6::timestamptz + s.period::interval,
                            next_action_at = CASE WHEN i.reason IS NULL THEN $6::timestamptz + s.period::interval
                                                  ELSE i.next_action_at END
                        FROM retention_schedule s
                        WHERE s.tenant_id = i.tenant_id AND s.category = i.category
                          AND i.tenant_id = $1 AND i.trigger = $2 AND i.trigger_at IS NULL AND i.settled_at IS NULL
                          AND (($3::text IS NOT NULL AND i.call_id = $3)
                               OR ($4::text IS NOT NULL AND i.store = $4 AND i.item_ref = $5))
                        RETURNING i.id, i.tenant_id, i.subject_id, i.due_at""")
                .execute(Tuple.from(Arrays.asList(tenant, trigger.name(), callId, store, itemRef, utc(at))))
                .call(rows -> {
                    List<EventLog.Entry> scheduled = new ArrayList<>();
                    for (Row row : rows) {
                        scheduled.add(RetentionLog.entry(
                                row.getString("tenant_id"),
                                row.getString("subject_id"),
                                RetentionLog.Kind.SCHEDULED,
                                row.getUUID("id"),
                                row.getUUID("id") + "/" + trigger.name(),
                                RetentionLog.detail(
                                        "trigger", trigger.name(),
                                        "triggeredAt", at.toString(),
                                        "dueAt", text(instant(row.getOffsetDateTime("due_at"))))));
                    }
                    return RetentionLog.append(tx, scheduled);
                })
                .map(rows -> rows.rowCount()));
    }

    /**
     * A disclosure violation on a call: its recordings and transcripts are quarantined at once and deleted after the
     * configured delay (unless a hold applies); remembered, so items of the call inventoried later are treated alike.
     * Applying the same violation again changes nothing.
     */
    public Uni<Void> violation(String tenant, String callId, String evidenceId, String verdict, Instant decidedAt) {
        return database.withTransaction(tx -> tx.preparedQuery(
                        """
                                INSERT INTO call_violation (tenant_id, call_id, evidence_id, verdict, decided_at)
                                VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(tenant, callId, evidenceId, verdict, utc(decidedAt)))
                .chain(inserted -> inserted.rowCount() == 0
                        ? Uni.createFrom().voidItem()
                        : tx.preparedQuery(
                                        """
                                                UPDATE inventory_item
                                                SET pending_action = 'QUARANTINE', reason = 'DISCLOSURE_VIOLATION',
                                                    due_at = $3::timestamptz + make_interval(secs => $4), next_action_at = now(),
                                                    held_since = NULL
                                                WHERE tenant_id = $1 AND call_id = $2
                                                  AND category IN ('RECORDING', 'TRANSCRIPT')
                                                  AND settled_at IS NULL AND status = 'RETAINED'""")
                                .execute(Tuple.of(tenant, callId, utc(decidedAt), violationDelaySeconds))
                                .replaceWithVoid()));
    }

    public Uni<List<InventoryItemView>> ofCall(String tenantId, String callId) {
        return database.preparedQuery("SELECT * FROM inventory_item WHERE tenant_id = $1 AND call_id = $2"
                        + " ORDER BY stored_at, id")
                .execute(Tuple.of(tenantId, callId))
                .map(Inventory::views);
    }

    public Uni<List<InventoryItemView>> byIds(String tenantId, List<UUID> ids) {
        return database.preparedQuery("SELECT * FROM inventory_item WHERE tenant_id = $1 AND id = ANY($2)"
                        + " ORDER BY stored_at, id")
                .execute(Tuple.of(tenantId, ids.toArray(UUID[]::new)))
                .map(Inventory::views);
    }

    private static List<InventoryItemView> views(Iterable<Row> rows) {
        List<InventoryItemView> items = new ArrayList<>();
        for (Row row : rows) {
            items.add(view(row));
        }
        return items;
    }

    static InventoryItemView view(Row row) {
        String subject = row.getString("subject_id");
        return new InventoryItemView(
                row.getUUID("id"),
                row.getString("tenant_id"),
                subject == null ? null : subject.trim(),
                row.getString("source_event_id"),
                row.getString("category"),
                row.getString("store"),
                row.getString("item_ref"),
                row.getString("call_id"),
                row.getString("storage_uri"),
                instant(row.getOffsetDateTime("stored_at")),
                row.getString("trigger"),
                instant(row.getOffsetDateTime("trigger_at")),
                instant(row.getOffsetDateTime("due_at")),
                row.getString("status"),
                row.getString("pending_action"),
                row.getString("reason"),
                row.getInteger("attempts"),
                instant(row.getOffsetDateTime("held_since")),
                instant(row.getOffsetDateTime("quarantined_at")),
                instant(row.getOffsetDateTime("settled_at")),
                instant(row.getOffsetDateTime("escalated_at")));
    }
}
