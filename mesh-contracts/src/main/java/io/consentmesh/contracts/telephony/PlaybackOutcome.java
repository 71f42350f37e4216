package io.consentmesh.contracts.telephony;

/**
 * How a playback ended. Only {@code COMPLETED} means the person could have heard all of it; a disclosure that ended
 * any other way did not play to the end.
 */
public enum PlaybackOutcome {
    /** Played to the end. */
    COMPLETED,
    /** Stopped by a command before its end (Telnyx {@code cancelled}). */
    CANCELED,
    /** The call ended while it played (Telnyx {@code call_hangup}). */
    CALL_HUNG_UP,
    /** Stopped because an answering machine was detected (Telnyx {@code cancelled_amd}). */
    MACHINE_DETECTED,
    /** Never played or broke off: the file was missing or playback failed. */
    FAILED,
    /** The provider did not say, or said something not known when this contract was written. */
    UNKNOWN
}
