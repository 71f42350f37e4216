package io.consentmesh.contracts.telephony;

public enum RecordingState {
    STARTED,
    PAUSED,
    RESUMED,
    STOPPED
}
