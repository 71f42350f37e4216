package io.consentmesh.contracts.dsar;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import io.consentmesh.contracts.retention.DeletionCommanded;
import java.time.Instant;

/**
 * dsar-service asks the deletion agent that answers for {@code store} to copy one of a person's stored files
 * (a recording, a transcript) to {@code target} in the object storage dsar-service reads, for the person's access
 * or portability copy. On {@code dsar.file-export.v1}, keyed by {@code store + "/" + itemId}; the agent answers with
 * a {@link FileExported} on {@code dsar.task-result.v1}. The target derives from the request and the item, so a
 * command delivered twice writes the same object once more, and dsar-service applies one answer per export.
 *
 * @param address where the item is in its store, as retention-service inventoried it
 * @param target {@code s3://bucket/key} in dsar-service's export staging bucket
 * @param maxBytes the largest file the copy carries: a larger one is answered TOO_LARGE, not copied
 */
public record FileExportCommanded(
        String exportId,
        String requestId,
        String itemId,
        String category,
        String store,
        String address,
        String target,
        long maxBytes,
        Instant issuedAt) {

    public FileExportCommanded {
        text(exportId, "exportId");
        text(requestId, "requestId");
        text(itemId, "itemId");
        text(category, "category");
        text(store, "store");
        if (!DeletionCommanded.STORE_NAME.matcher(store).matches()) {
            throw new IllegalArgumentException("store must be lower-case letters, digits and dashes (at most 63)");
        }
        text(address, "address");
        text(target, "target");
        if (!target.startsWith("s3://")) {
            throw new IllegalArgumentException("target must be s3://bucket/key");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        value(issuedAt, "issuedAt");
    }

    /** The Kafka key: one item's exports stay on one partition, in order. */
    public String key() {
        return store + "/" + itemId;
    }
}
