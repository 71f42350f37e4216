package io.consentmesh.dsar.clock;

/** Whose law sets a request's clock; each has its {@link ClockRule} in {@link ClockRules}. */
public enum Jurisdiction {
    /** The mesh's default when nothing more specific applies: the tenants' policies promise 30 days. */
    DEFAULT,
    /** GDPR (EU), DSR-01. */
    GDPR,
    /** UK GDPR: the same clock as the GDPR, DSR-01. */
    UK_GDPR,
    /** California (CCPA as amended by the CPRA), DSR-04. */
    CCPA,
    /** Virginia (VCDPA), DSR-07. */
    VIRGINIA,
    /** Colorado (CPA), DSR-07. */
    COLORADO,
    /** Connecticut (CTDPA), DSR-07. */
    CONNECTICUT,
    /** Texas (TDPSA), DSR-07. */
    TEXAS,
    /** Oregon (OCPA), DSR-07. */
    OREGON
}
