package io.consentmesh.consent.consents.state;

public enum ConsentStatus {
    OPTED_IN,
    REVOKED
}
