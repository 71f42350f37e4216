package io.consentmesh.dsar.clock;

/** Whose law sets the answer deadline of a request. */
public enum Jurisdiction {
    /** The mesh's default when nothing more specific applies: 30 days. */
    DEFAULT,
    /** GDPR Art. 12(3): one month from receipt (DSR-01). */
    GDPR,
    /** CCPA §7021: 45 calendar days from receipt (DSR-04). */
    CCPA
}
