package io.consentmesh.retention.inventory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A stored item (a recording, say) in the inventory, with the date it must be deleted by. */
@Entity
@Table(name = "inventory_item")
public class InventoryItem {

    @Id
    public UUID id;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "subject_id")
    public String subjectId;

    @Column(name = "source_event_id")
    public String sourceEventId;

    public String category;

    /** The owning store's id for the item (Twilio RecordingSid, say). */
    @Column(name = "item_ref")
    public String itemRef;

    @Column(name = "call_id")
    public String callId;

    @Column(name = "storage_uri")
    public String storageUri;

    @Column(name = "stored_at")
    public Instant storedAt;

    @Column(name = "due_at")
    public Instant dueAt;

    /** RETAINED until a deletion command is issued (retention issue). */
    public String status;
}
