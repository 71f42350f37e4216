package io.consentmesh.contracts.dsar;

/** What a data subject asked for (GDPR Art. 15, 17, 18, 20; CCPA know/delete). */
public enum DsarRequestType {
    ACCESS,
    PORTABILITY,
    DELETION,
    RESTRICTION
}
