package io.consentmesh.consent.evidence;

public enum Channel {
    SMS,
    VOICE
}
