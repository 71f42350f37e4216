package io.consentmesh.retention.holds;

import java.time.Instant;
import java.util.UUID;

/** A legal hold and, once released, who released it and why. The person appears only as their subject id. */
public record LegalHoldView(
        UUID id,
        String tenantId,
        String subjectId,
        String callId,
        String category,
        Instant storedFrom,
        Instant storedUntil,
        String reason,
        String matterId,
        String createdBy,
        Instant createdAt,
        String releasedBy,
        Instant releasedAt,
        String releaseNote) {

    public boolean active() {
        return releasedAt == null;
    }
}
