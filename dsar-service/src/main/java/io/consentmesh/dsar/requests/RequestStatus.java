package io.consentmesh.dsar.requests;

public enum RequestStatus {
    /** Tasks are out; not every service has answered yet. */
    AWAITING_RESULTS,
    /** Every expected service has answered. */
    RESULTS_COMPLETE
}
