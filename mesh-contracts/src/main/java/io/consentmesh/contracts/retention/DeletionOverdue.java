package io.consentmesh.contracts.retention;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import java.time.Instant;

/**
 * An item still not deleted (nor held) well past its due date, on {@code retention.escalation.v1}: its store failed
 * or never answered. Raised once per item; the item keeps being retried.
 *
 * @param lastOutcome the last receipt's outcome (FAILED), or null when no receipt ever came
 * @param lastDetail what the store said last time
 */
public record DeletionOverdue(
        String itemId,
        String category,
        String store,
        String address,
        Instant dueAt,
        int attempts,
        String lastOutcome,
        String lastDetail,
        Instant escalatedAt) {

    public DeletionOverdue {
        text(itemId, "itemId");
        text(category, "category");
        text(store, "store");
        text(address, "address");
        value(dueAt, "dueAt");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
        value(escalatedAt, "escalatedAt");
    }
}
