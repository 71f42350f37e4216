package io.consentmesh.consent.evidence;

import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.runtime.chain.ChainHash;
import io.consentmesh.runtime.chain.SubjectRef;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

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

    /** The same record with other content (its personal entries sealed). */
    public NewEvidence withContent(Map<String, Object> sealed) {
        return new NewEvidence(tenant, subject, sourceEventId, kind, channel, occurredAt, sealed);
    }

    /** The chain this record extends. */
    public SubjectRef chain() {
        return new SubjectRef(tenant.value(), subject.value());
    }

    /** The text hashed into the subject's chain: the record's fields as canonical JSON (keys sorted). */
    public String canonical(UUID id) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id.toString());
        record.put("tenantId", tenant().value());
        record.put("subjectId", subject().value());
        record.put("sourceEventId", sourceEventId());
        record.put("kind", kind().name());
        record.put("channel", channel().name());
        record.put("occurredAt", occurredAt().toString());
        record.put("content", content());
        return ChainHash.json(record);
    }
}
