package io.consentmesh.contracts.dsar;

/** What became of one file a deletion agent was asked to copy for a person's access copy. */
public enum FileExportOutcome {
    /** Copied to the target; its size and SHA-256 are in the answer. */
    EXPORTED,
    /** The store no longer has it (deleted, or never there). */
    NOT_FOUND,
    /** Larger than the copy may carry. */
    TOO_LARGE,
    /** The store holds no file for it (a bank link, say): nothing to copy. */
    NOT_A_FILE,
    /** The store or the target could not be read or written; the detail says why. */
    FAILED
}
