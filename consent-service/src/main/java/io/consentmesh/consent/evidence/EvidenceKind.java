package io.consentmesh.consent.evidence;

public enum EvidenceKind {
    /** An opt-out keyword texted by the person (KW-01). */
    OPT_OUT_KEYWORD,
    /** An opt-in keyword texted by the person (KW-02, KW-11). */
    OPT_IN_KEYWORD,
    /** A help keyword texted by the person (KW-03). */
    HELP_KEYWORD,
    /** The person revoked consent in words on a call, as the agent runtime heard it (KW-05, KW-06). */
    VERBAL_OPT_OUT,
    /** The person agreed on a call to be contacted, as the agent runtime heard it. */
    VERBAL_OPT_IN,
    /** Express (or express written) consent captured by the tenant and recorded through the API. */
    EXPRESS_CONSENT,
    /** A revocation in the person's own words ("please stop texting me", KW-05), read by rules or confirmed by a person. */
    FREE_TEXT_OPT_OUT,
    /**
     * A revocation the tenant received where the mesh does not see it (e-mail, web form, letter, in person, a call to
     * its staff) and reported through the API (KW-05).
     */
    REPORTED_OPT_OUT,
    /**
     * A provider refused a send because the person had opted out at the carrier or provider (Twilio 21610, Telnyx
     * 40300): an opt-out the mesh may not have seen, enforced like a STOP.
     */
    CARRIER_OPT_OUT,
    /** The person pressed a key the tenant's IVR menu offers to stop contact ("press 9 to stop these calls", KW-05). */
    KEYPAD_OPT_OUT,
    /** A call's recording-disclosure verdict (REC-01..REC-08), with the facts it was judged on. */
    DISCLOSURE_VERDICT,
    /**
     * A message sent or a call placed that its consent decisions did not allow (no ALLOW, after a DENY, outside a
     * DEFER's window or the ALLOW's validity, an ALLOW already used), with the status event that showed it.
     */
    CONTACT_VIOLATION,
    /**
     * The subject's data keys were destroyed (crypto-shredding): their personal data in this ledger and on every topic
     * is unreadable from here on; who erased them, when and on which request is this record's content.
     */
    SUBJECT_ERASED
}
