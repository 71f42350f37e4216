package io.consentmesh.retention.schedule;

/** Kinds of stored items, each with its own retention period. */
public enum Category {
    RECORDING,
    TRANSCRIPT
}
