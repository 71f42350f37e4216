package io.consentmesh.retention.inventory;

import io.consentmesh.retention.schedule.Category;
import java.time.Instant;
import java.util.UUID;

/**
 * A stored item to inventory. Its due date is computed from the tenant's schedule for its category: from
 * {@code storedAt} when the schedule's trigger is STORED, else from {@code triggerFact} (the call's end, the end of the
 * relationship), which may still be unknown (null): the item then waits for it.
 *
 * @param itemRef the store's own id of the item; one item per tenant, store and reference
 * @param address where the store finds it, as the deletion command names it
 */
public record NewItem(
        UUID id,
        String tenantId,
        String subjectId,
        String sourceEventId,
        Category category,
        String store,
        String itemRef,
        String callId,
        String address,
        Instant storedAt,
        Instant triggerFact) {

    /** The same item, recorded as coming from {@code source}: one event that reveals two items names them apart. */
    public NewItem fromSource(String source) {
        return new NewItem(
                id, tenantId, subjectId, source, category, store, itemRef, callId, address, storedAt, triggerFact);
    }
}
