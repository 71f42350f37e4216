package io.consentmesh.contracts.retention;

/** What the store did with a command. */
public enum DeletionOutcome {
    DELETED,
    /** The store no longer had the item (a 404 from its API): the command is settled all the same. */
    ALREADY_GONE,
    QUARANTINED,
    /** Not done: {@code detail} says why; {@code retryAfterSeconds}, when given, is the earliest useful retry. */
    FAILED;

    /** True when the command needs nothing more. */
    public boolean settles() {
        return this != FAILED;
    }
}
