package io.consentmesh.retention.proof;

import java.time.Instant;
import java.util.UUID;

/** What a disposal certificate states about one item that is gone: its facts, the command and the store's receipt. */
public record SettledItem(
        UUID itemId,
        String tenantId,
        String subjectId,
        String category,
        String store,
        String address,
        Instant storedAt,
        Instant dueAt,
        String reason,
        String commandId,
        String action,
        String outcome,
        String agent,
        Instant receiptCompletedAt,
        Instant settledAt) {}
