package io.consentmesh.contracts.telephony;

import static io.consentmesh.contracts.Required.value;

/**
 * Where something was redacted: its kind and its position in the original text (UTF-16 indices, end exclusive).
 * Never the value.
 */
public record RedactedSpan(SensitiveDataKind kind, int start, int end) {

    public RedactedSpan {
        value(kind, "kind");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("a redacted span needs 0 <= start < end");
        }
    }
}
