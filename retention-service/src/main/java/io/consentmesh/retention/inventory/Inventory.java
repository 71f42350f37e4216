package io.consentmesh.retention.inventory;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.telephony.RecordingAvailable;
import io.consentmesh.retention.schedule.Category;
import io.consentmesh.retention.schedule.RetentionConfig;
import io.consentmesh.retention.schedule.RetentionSchedule;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** The inventory of stored items and their deletion due dates. */
@ApplicationScoped
public class Inventory {

    private final Mutiny.SessionFactory sessions;
    private final RetentionSchedule schedule;

    Inventory(Mutiny.SessionFactory sessions, RetentionConfig config) {
        this.sessions = sessions;
        this.schedule = new RetentionSchedule(config.periods());
    }

    /** Records a recording once, however often its event is delivered. */
    public Uni<Void> recordingAvailable(EventEnvelope<RecordingAvailable> event) {
        RecordingAvailable recording = event.data();
        Instant storedAt = recording.availableAt();
        UUID id = UUID.fromString(EventIds.of("retention-item", event.tenantId().value(), event.id()));
        return sessions.withTransaction(session -> session.createNativeQuery(
                                """
                                INSERT INTO inventory_item (id, tenant_id, subject_id, source_event_id, category, item_ref,
                                                            call_id, storage_uri, stored_at, due_at, status)
                                VALUES (:id, :tenant, :subject, :source, :category, :itemRef, :callId, :storageUri,
                                        :storedAt, :dueAt, 'RETAINED')
                                ON CONFLICT (tenant_id, source_event_id) DO NOTHING""")
                        .setParameter("id", id)
                        .setParameter("tenant", event.tenantId().value())
                        .setParameter("subject", event.subject())
                        .setParameter("source", event.id())
                        .setParameter("category", Category.RECORDING.name())
                        .setParameter("itemRef", recording.recordingId())
                        .setParameter("callId", recording.callId())
                        .setParameter("storageUri", recording.storageUri())
                        .setParameter("storedAt", utc(storedAt))
                        .setParameter("dueAt", utc(schedule.dueAt(Category.RECORDING, storedAt)))
                        .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<List<InventoryItem>> ofCall(String tenantId, String callId) {
        return sessions.withSession(session -> session.createSelectionQuery(
                        "from InventoryItem where tenantId = :tenant and callId = :callId order by storedAt",
                        InventoryItem.class)
                .setParameter("tenant", tenantId)
                .setParameter("callId", callId)
                .getResultList());
    }
}
