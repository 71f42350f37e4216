package io.consentmesh.consent.ledger;

import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * A record to append to the ledger.
 *
 * @param sourceEventId the id of the event (or API request) it comes from: appending it twice has one effect
 * @param content the canonical content, hashed into the subject's chain
 */
public record NewEvidence(
        TenantId tenant,
        SubjectId subject,
        String sourceEventId,
        EvidenceKind kind,
        Channel channel,
        Instant occurredAt,
        Map<String, Object> content) {

    public NewEvidence {
        // PostgreSQL keeps microseconds: hash exactly what is stored, or the chain could not be re-verified.
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
    }
}
