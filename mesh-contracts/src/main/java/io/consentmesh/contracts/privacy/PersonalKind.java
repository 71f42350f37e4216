package io.consentmesh.contracts.privacy;

/** What kind of personal data a field holds (the kinds the mesh encrypts per subject wherever it stores or sends them). */
public enum PersonalKind {
    PHONE_NUMBER,
    MESSAGE_BODY,
    TRANSCRIPT,
    NAME,
    EMAIL_ADDRESS,
    POSTAL_ADDRESS,
    IP_ADDRESS,
    USER_AGENT
}
