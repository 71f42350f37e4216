package io.consentmesh.consent.consents.replies;

public enum ReplyKind {
    /** The campaign's help text, answering HELP or INFO (KW-03). */
    HELP,
    /** The single confirmation of an opt-out (KW-08): no marketing, within 5 minutes. */
    OPT_OUT_CONFIRMATION,
    /**
     * The confirmation of a keyword opt-in under a campaign's declared flow (CTIA: confirm the opt-in), with the
     * campaign's opt-in message; published as {@code mesh.consent.reply-requested.v2}, whose readers know this kind.
     */
    OPT_IN_CONFIRMATION
}
