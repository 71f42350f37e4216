package io.consentmesh.consent.consents.keywords;

public enum KeywordIntent {
    /** KW-01: the person revokes consent. */
    OPT_OUT,
    /** KW-02: the person opts (back) in. */
    OPT_IN,
    /** KW-03: the person asks for help. */
    HELP,
    /** Not a keyword: an ordinary message. */
    NONE
}
