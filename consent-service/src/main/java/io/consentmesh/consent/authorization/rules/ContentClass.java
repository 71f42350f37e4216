package io.consentmesh.consent.authorization.rules;

/** What a message or call is for; decides the consent level it needs (G-03) and which limits apply to it. */
public enum ContentClass {
    /** A reply to the person, who wrote first; the exchange itself is the (implied) consent. */
    CONVERSATIONAL,
    /** Information the person asked to receive (reminders, alerts), no promotion. */
    INFORMATIONAL,
    /** Part of a transaction the person started (codes, receipts, delivery notices). */
    TRANSACTIONAL,
    /** Promotion of any kind, including a coupon added to an informational message. */
    MARKETING,
    /** The one confirmation the law lets a sender send after an opt-out (KW-08). */
    OPT_OUT_CONFIRMATION
}
