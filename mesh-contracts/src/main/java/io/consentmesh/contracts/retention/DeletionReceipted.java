package io.consentmesh.contracts.retention;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import java.time.Instant;

/**
 * A store's answer to a {@link DeletionCommanded}, on {@code retention.deletion-receipt.v1}, keyed like the command.
 *
 * @param agent which deletion agent answered (its configured name)
 * @param detail why it failed, or what the store said (its request id, say)
 * @param retryAfterSeconds for a failure the store asked to retry later (HTTP 429 or 503 with Retry-After)
 */
public record DeletionReceipted(
        String commandId,
        String itemId,
        String store,
        DeletionAction action,
        DeletionOutcome outcome,
        String detail,
        Integer retryAfterSeconds,
        String agent,
        Instant completedAt) {

    public DeletionReceipted {
        text(commandId, "commandId");
        text(itemId, "itemId");
        text(store, "store");
        value(action, "action");
        value(outcome, "outcome");
        if (outcome == DeletionOutcome.FAILED) {
            text(detail, "detail (the reason of a failure)");
        }
        if (retryAfterSeconds != null && retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must not be negative");
        }
        text(agent, "agent");
        value(completedAt, "completedAt");
    }
}
