package io.consentmesh.contracts.telephony;

/** What was played to the person: a stored or linked audio file, or text spoken by text-to-speech. */
public enum PlaybackKind {
    AUDIO,
    SPEECH
}
