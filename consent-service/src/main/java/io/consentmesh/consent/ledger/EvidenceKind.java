package io.consentmesh.consent.ledger;

public enum EvidenceKind {
    /** An opt-out keyword texted by the person (KW-01). */
    OPT_OUT_KEYWORD,
    /** An opt-in keyword texted by the person (KW-02, KW-11). */
    OPT_IN_KEYWORD,
    /** A help keyword texted by the person (KW-03). */
    HELP_KEYWORD,
    /** Express (or express written) consent captured by the tenant and recorded through the API. */
    EXPRESS_CONSENT
}
