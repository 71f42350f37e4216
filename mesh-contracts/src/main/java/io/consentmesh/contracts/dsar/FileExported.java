package io.consentmesh.contracts.dsar;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import java.time.Instant;

/**
 * A deletion agent's answer to a {@link FileExportCommanded}, on {@code dsar.task-result.v1}: the file copied to the
 * target (its size and SHA-256, which dsar-service checks when it reads it), or why not.
 *
 * @param contentType what the store said the file is (e.g. {@code audio/wav}), when it said
 * @param detail what the store said, or why it failed
 * @param agent which deletion agent answered (its configured name)
 */
public record FileExported(
        String exportId,
        String requestId,
        String itemId,
        String store,
        FileExportOutcome outcome,
        String target,
        Long bytes,
        String sha256,
        String contentType,
        String detail,
        String agent,
        Instant completedAt) {

    public FileExported {
        text(exportId, "exportId");
        text(requestId, "requestId");
        text(itemId, "itemId");
        text(store, "store");
        value(outcome, "outcome");
        if (outcome == FileExportOutcome.EXPORTED) {
            text(target, "target (of an exported file)");
            value(bytes, "bytes (of an exported file)");
            text(sha256, "sha256 (of an exported file)");
            if (!sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
            }
        } else {
            text(detail, "detail (why the file was not copied)");
        }
        if (bytes != null && bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative");
        }
        text(agent, "agent");
        value(completedAt, "completedAt");
    }
}
