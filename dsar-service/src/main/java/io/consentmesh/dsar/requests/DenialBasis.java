package io.consentmesh.dsar.requests;

/** Why a request is refused; the answer to the person states it (DSR-01, DSR-02, DSR-04, DSR-07). */
public enum DenialBasis {
    /** The person's identity could not be verified (CCPA: an unverifiable request may be denied, DSR-04). */
    UNVERIFIABLE,
    /** Manifestly unfounded (GDPR Art. 12(5), DSR-02: the controller bears the proof). */
    MANIFESTLY_UNFOUNDED,
    /** Excessive, in particular repetitive (GDPR Art. 12(5), DSR-02; Virginia: more than two a year, DSR-07). */
    EXCESSIVE,
    /** A legal exemption applies (named in the reason). */
    EXEMPT
}
