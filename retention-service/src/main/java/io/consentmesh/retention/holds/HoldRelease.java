package io.consentmesh.retention.holds;

import io.consentmesh.contracts.Required;

/** Why a hold ends (the matter settled, say). */
public record HoldRelease(String note) {

    public HoldRelease {
        Required.text(note, "note");
        if (note.length() > 1000) {
            throw new IllegalArgumentException("note must be at most 1,000 characters");
        }
    }
}
