package io.consentmesh.consent.state;

public enum ConsentStatus {
    OPTED_IN,
    REVOKED
}
