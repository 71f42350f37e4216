package io.consentmesh.ingest.redaction;

import io.consentmesh.contracts.telephony.RedactedSpan;
import java.util.List;
import java.util.Objects;

/**
 * A text with every detected span replaced by its kind's marker, and the redactions (sorted by start, positions in
 * the original text) that say what was removed and where.
 */
public record RedactedText(String text, List<RedactedSpan> redactions) {

    public RedactedText {
        Objects.requireNonNull(text, "text");
        redactions = List.copyOf(redactions);
    }

    static RedactedText empty() {
        return new RedactedText("", List.of());
    }

    /** Whether anything was removed. */
    public boolean changed() {
        return !redactions.isEmpty();
    }
}
