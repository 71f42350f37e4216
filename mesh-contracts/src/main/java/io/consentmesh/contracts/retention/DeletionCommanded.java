package io.consentmesh.contracts.retention;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One item to be deleted (or quarantined) by the store that holds it, on {@code retention.deletion-command.v1}, keyed
 * by {@code store + "/" + itemId} so that each store sees the commands for one item in order. A store's agent answers
 * with a {@link DeletionReceipted} naming the {@code commandId}. A command repeated after a lost receipt carries a
 * higher {@code attempt} and a new {@code commandId}; deleting an item already gone is answered {@code ALREADY_GONE}.
 *
 * @param store the name of the store that holds the item (an agent runs the adapters of the stores it is configured for)
 * @param address where the item is in that store: {@code s3://bucket/key}, a provider's recording id, a Plaid item id
 * @param dueAt when the item fell due (its schedule's date, or the time of the violation or request)
 */
public record DeletionCommanded(
        String commandId,
        String itemId,
        DeletionAction action,
        DeletionReason reason,
        String category,
        String store,
        String address,
        int attempt,
        Instant dueAt,
        Instant issuedAt) {

    public static final Pattern STORE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public DeletionCommanded {
        text(commandId, "commandId");
        text(itemId, "itemId");
        value(action, "action");
        value(reason, "reason");
        text(category, "category");
        text(store, "store");
        if (!STORE_NAME.matcher(store).matches()) {
            throw new IllegalArgumentException("store must be lower-case letters, digits and dashes (at most 63)");
        }
        text(address, "address");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1");
        }
        value(dueAt, "dueAt");
        value(issuedAt, "issuedAt");
    }

    /** The Kafka key: one item's commands stay on one partition, in order. */
    public String key() {
        return store + "/" + itemId;
    }
}
