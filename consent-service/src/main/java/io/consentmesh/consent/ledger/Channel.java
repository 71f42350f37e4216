package io.consentmesh.consent.ledger;

public enum Channel {
    SMS,
    VOICE
}
