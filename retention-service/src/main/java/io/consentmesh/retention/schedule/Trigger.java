package io.consentmesh.retention.schedule;

/** What starts an item's retention period. Until it happens the item is kept and not due. */
public enum Trigger {
    /** The item was stored. */
    STORED,
    /** The call the item belongs to ended. */
    CALL_ENDED,
    /** The relationship that justified the item ended (a bank account unlinked from billing). */
    RELATIONSHIP_ENDED,
    /** The person's subscription ended. */
    SUBSCRIPTION_ENDED,
    /** The person's account was closed. */
    ACCOUNT_CLOSED
}
