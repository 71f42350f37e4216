package io.consentmesh.contracts.retention;

/** What a store is asked to do with one item. */
public enum DeletionAction {
    /** Remove the item for good. */
    DELETE,
    /** Keep the item but withdraw it from every reader (a recording made without its disclosure) until it is deleted. */
    QUARANTINE
}
