package io.consentmesh.dsar.requests;

public enum RequestStatus {
    /** The person must still prove who they are; nothing is done or disclosed until they have. */
    AWAITING_VERIFICATION,
    /** Verified; the tasks are out and the services' answers are awaited. */
    AWAITING_RESULTS,
    RESULTS_COMPLETE,
    /** Refused, with its basis and reason (never after the tasks went out: the services act on them). */
    DENIED
}
