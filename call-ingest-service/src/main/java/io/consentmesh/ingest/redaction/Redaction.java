package io.consentmesh.ingest.redaction;

import java.util.Objects;

/**
 * One removed span: its kind and its position in the <em>original</em> text ({@code end} exclusive). It deliberately
 * carries no value, so a redaction event can be logged and published without re-leaking what it removed.
 */
public record Redaction(SensitiveKind kind, int start, int end) {

    public Redaction {
        Objects.requireNonNull(kind, "kind");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("a redaction spans 0 <= start < end, was " + start + ".." + end);
        }
    }
}
