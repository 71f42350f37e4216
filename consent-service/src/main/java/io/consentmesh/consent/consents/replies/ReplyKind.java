package io.consentmesh.consent.consents.replies;

public enum ReplyKind {
    /** The campaign's help text, answering HELP or INFO (KW-03). */
    HELP,
    /** The single confirmation of an opt-out (KW-08): no marketing, within 5 minutes. */
    OPT_OUT_CONFIRMATION
}
