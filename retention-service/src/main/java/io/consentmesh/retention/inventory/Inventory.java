package io.consentmesh.retention.inventory;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.telephony.RecordingAvailable;
import io.consentmesh.retention.schedule.Category;
import io.consentmesh.retention.schedule.RetentionConfig;
import io.consentmesh.retention.schedule.RetentionSchedule;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The inventory of stored items and their deletion due dates. */
@ApplicationScoped
public class Inventory {

    private final Pool database;
    private final RetentionSchedule schedule;

    Inventory(Pool database, RetentionConfig config) {
        this.database = database;
        this.schedule = new RetentionSchedule(config.periods());
    }

    /** Records a recording once, however often its event is delivered. */
    public Uni<Void> recordingAvailable(EventEnvelope<RecordingAvailable> event) {
        RecordingAvailable recording = event.data();
        Instant storedAt = recording.availableAt();
        UUID id = UUID.fromString(EventIds.of("retention-item", event.tenantId().value(), event.id()));
        return database.preparedQuery(
                        """
                        INSERT INTO inventory_item (id, tenant_id, subject_id, source_event_id, category, item_ref,
                                                    call_id, storage_uri, stored_at, due_at, status)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'RETAINED')
                        ON CONFLICT (tenant_id, source_event_id) DO NOTHING""")
                // the subject and the call may be absent: Tuple.from(Arrays.asList(..)) takes nulls
                .execute(Tuple.from(Arrays.asList(
                        id,
                        event.tenantId().value(),
                        event.subject(),
                        event.id(),
                        Category.RECORDING.name(),
                        recording.recordingId(),
                        recording.callId(),
                        recording.storageUri(),
                        utc(storedAt),
                        utc(schedule.dueAt(Category.RECORDING, storedAt)))))
                .replaceWithVoid();
    }

    public Uni<List<InventoryItemView>> ofCall(String tenantId, String callId) {
        return database.preparedQuery(
                        """
                        SELECT id, tenant_id, subject_id, source_event_id, category, item_ref, call_id, storage_uri,
                               stored_at, due_at, status
                        FROM inventory_item WHERE tenant_id = $1 AND call_id = $2 ORDER BY stored_at""")
                .execute(Tuple.of(tenantId, callId))
                .map(rows -> {
                    List<InventoryItemView> items = new ArrayList<>();
                    for (Row row : rows) {
                        items.add(item(row));
                    }
                    return items;
                });
    }

    private static InventoryItemView item(Row row) {
        return new InventoryItemView(
                row.getUUID("id"),
                row.getString("tenant_id"),
                row.getString("subject_id"),
                row.getString("source_event_id"),
                row.getString("category"),
                row.getString("item_ref"),
                row.getString("call_id"),
                row.getString("storage_uri"),
                row.getOffsetDateTime("stored_at").toInstant(),
                row.getOffsetDateTime("due_at").toInstant(),
                row.getString("status"));
    }
}
