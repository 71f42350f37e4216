package io.consentmesh.contracts.telephony;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import java.time.Instant;
import java.util.List;

/**
 * Ingest redacted sensitive data from a field of an incoming event before publishing it: the proof that it did, with
 * the kind and position of every span and never a value.
 *
 * @param sourceEventId the id of the published (redacted) event
 * @param field the field that was redacted, e.g. {@code text}
 */
public record SensitiveDataRedacted(
        String callId, String sourceEventId, String field, List<RedactedSpan> spans, Instant redactedAt) {

    public SensitiveDataRedacted {
        text(callId, "callId");
        text(sourceEventId, "sourceEventId");
        text(field, "field");
        spans = spans == null ? List.of() : List.copyOf(spans);
        if (spans.isEmpty()) {
            throw new IllegalArgumentException("a redaction event names at least one span");
        }
        value(redactedAt, "redactedAt");
    }
}
