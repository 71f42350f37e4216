package io.consentmesh.contracts.retention;

/** Why an item is commanded away. */
public enum DeletionReason {
    /** Its retention period under the tenant's schedule has ended. */
    RETENTION_PERIOD_ENDED,
    /** A recording made without its disclosure (consent.violation.v1). */
    DISCLOSURE_VIOLATION,
    /** The person asked for deletion (a DSAR), or the relationship that justified keeping it ended. */
    DELETION_REQUEST
}
