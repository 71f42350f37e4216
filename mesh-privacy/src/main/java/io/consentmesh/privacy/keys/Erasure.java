package io.consentmesh.privacy.keys;

import java.time.Instant;

/**
 * What a shred did. {@code ERASED}: keys were destroyed now; {@code ALREADY_ERASED}: the subject had no key left and
 * was erased at {@code erasedAt} (a second shred is a no-op with the same answer); {@code UNKNOWN_SUBJECT}: the mesh
 * never held a key for this subject.
 */
public record Erasure(Outcome outcome, Instant erasedAt, int keysDestroyed) {

    public enum Outcome {
        ERASED,
        ALREADY_ERASED,
        UNKNOWN_SUBJECT
    }

    static Erasure unknown() {
        return new Erasure(Outcome.UNKNOWN_SUBJECT, null, 0);
    }
}
