package io.consentmesh.contracts.dsar;

public enum DsarTaskOutcome {
    /** The service holds data for the subject and reports it. */
    COMPLETED,
    /** The service holds nothing for the subject. */
    NOTHING_HELD,
    /** The service could not answer; the DSAR service escalates. */
    FAILED
}
