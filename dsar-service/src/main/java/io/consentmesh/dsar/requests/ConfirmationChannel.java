package io.consentmesh.dsar.requests;

/** How the person was told their request was received. */
public enum ConfirmationChannel {
    SMS,
    EMAIL,
    POST,
    WEB,
    PHONE
}
