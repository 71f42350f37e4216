package io.consentmesh.consent.consents;

/** How the person gave consent; each source names the evidence it must carry ({@link ConsentEvidenceRequirements}). */
public enum ConsentSource {
    /** A form on the tenant's web site or app: IP address and user agent. */
    WEB_FORM,
    /** A signed paper form: a reference to the scanned copy. */
    PAPER_FORM,
    /** A keyword texted in: the inbound message id. */
    KEYWORD,
    /** Said on a call: the call id and the offset in its transcript. */
    SPOKEN_ON_CALL,
    /** A key pressed in an IVR menu: the call id and the key. */
    IVR_KEY,
    /** Brought over from another system: the id the record has there. */
    API_IMPORT,
    /** Given in the course of a data-subject request: the request id. */
    DSAR
}
