package io.consentmesh.contracts.consent;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import io.consentmesh.contracts.privacy.PersonalEntries;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record was appended to the consent evidence ledger. Carries everything its hash covers (the canonical record is
 * rebuilt from these fields plus the envelope's tenant and subject), so a consumer of {@code consent.evidence.v1} can
 * re-verify every subject's hash chain from the log alone, without the database.
 *
 * @param evidenceId the ledger record's id (derived from the tenant and the source event)
 * @param sourceEventId the event or API request the record comes from
 * @param kind what the record is (opt-out keyword, express consent, disclosure verdict, ...)
 * @param channel SMS, VOICE or EMAIL
 * @param content the record's canonical content, exactly as hashed
 * @param prevHash the hash of the subject's previous record, null for the first
 * @param hash SHA-256 over {@code prevHash}, a newline and the canonical record
 */
public record EvidenceRecorded(
        String evidenceId,
        String sourceEventId,
        String kind,
        String channel,
        Instant occurredAt,
        Instant recordedAt,
        @PersonalEntries({
                    "body",
                    "utterance",
                    "text",
                    "subjectName",
                    "phoneNumber",
                    "email",
                    "postalAddress",
                    "ipAddress",
                    "userAgent"
                })
                Map<String, Object> content,
        String prevHash,
        String hash) {

    public EvidenceRecorded {
        text(evidenceId, "evidenceId");
        text(sourceEventId, "sourceEventId");
        text(kind, "kind");
        text(channel, "channel");
        value(occurredAt, "occurredAt");
        value(recordedAt, "recordedAt");
        // not Map.copyOf: a content value may be JSON null, and the hash covers it
        content = Collections.unmodifiableMap(new LinkedHashMap<>(value(content, "content")));
        text(hash, "hash");
    }
}
