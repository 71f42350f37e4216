package io.consentmesh.retention.inventory;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored item (a recording, say) in the inventory, with the date it must be deleted by.
 *
 * @param itemRef the owning store's id for the item (Twilio RecordingSid, say)
 * @param status RETAINED until a deletion command is issued (retention issue)
 */
public record InventoryItemView(
        UUID id,
        String tenantId,
        String subjectId,
        String sourceEventId,
        String category,
        String itemRef,
        String callId,
        String storageUri,
        Instant storedAt,
        Instant dueAt,
        String status) {}
