package io.consentmesh.consent.consents;

public enum ConsentSource {
    WEB_FORM,
    PAPER_FORM,
    SPOKEN_ON_CALL,
    IVR_KEY,
    API_IMPORT
}
