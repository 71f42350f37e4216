package io.consentmesh.retention.inventory;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored item in the inventory, with the date it must be deleted by and where its deletion stands.
 *
 * @param itemRef the owning store's id for the item (Twilio RecordingSid, say)
 * @param address the item's address in its store, as the deletion command names it
 * @param dueAt null while its trigger (a call's end, a relationship's end) has not happened
 * @param status RETAINED until a command is sent, COMMANDED until a receipt settles it, then DELETED or ALREADY_GONE
 * @param pendingAction the command the item is due for: DELETE, or QUARANTINE after a disclosure violation
 * @param reason why it is due when that is not its schedule: DISCLOSURE_VIOLATION or DELETION_REQUEST
 * @param heldSince when a legal hold stopped its deletion, while it does
 */
public record InventoryItemView(
        UUID id,
        String tenantId,
        String subjectId,
        String sourceEventId,
        String category,
        String store,
        String itemRef,
        String callId,
        String address,
        Instant storedAt,
        String trigger,
        Instant triggerAt,
        Instant dueAt,
        String status,
        String pendingAction,
        String reason,
        int attempts,
        Instant heldSince,
        Instant quarantinedAt,
        Instant settledAt,
        Instant escalatedAt) {}
