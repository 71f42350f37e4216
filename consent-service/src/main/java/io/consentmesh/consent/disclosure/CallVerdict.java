package io.consentmesh.consent.disclosure;

/** What the evidence of one call says about its recording disclosure (REC-01..REC-08). */
public enum CallVerdict {
    /** The recording started only after a disclosure was played to its end (and, where required, consent was given). */
    COMPLIANT,
    /** The recording was running before the first complete disclosure had ended (REC-03: notice first). */
    RECORDING_BEFORE_DISCLOSURE,
    /** The call was recorded and no disclosure was played at all (REC-03, REC-04). */
    NO_DISCLOSURE,
    /** The call was recorded and every disclosure was cut off (hang-up, barge-in, cancelled playback) (REC-03). */
    DISCLOSURE_INTERRUPTED,
    /** Nothing was recorded: no disclosure was needed. */
    NOT_RECORDED,
    /** The tenant requires explicit consent before recording (REC-08) and none was given before it started. */
    RECORDING_WITHOUT_CONSENT,
    /** The call never ended within the configured time; its evidence may be incomplete. */
    INCOMPLETE;

    /** A verdict that makes the recording unlawful to keep: it is published to consent.violation.v1. */
    public boolean isViolation() {
        return this == RECORDING_BEFORE_DISCLOSURE
                || this == NO_DISCLOSURE
                || this == DISCLOSURE_INTERRUPTED
                || this == RECORDING_WITHOUT_CONSENT;
    }
}
