package io.consentmesh.dsar.verification;

/** How the person's identity was verified. */
public enum VerificationMethod {
    /** Not needed: the right asks for none (DSR-05). */
    NONE_NEEDED,
    /** A one-time code texted to the number, entered back by the person. */
    SMS_CODE,
    /** Privacy-ops checked the person's identity by other means and attested it, with its evidence. */
    ATTESTED
}
