package io.consentmesh.consent.authorization.rules;

import io.consentmesh.contracts.consent.DecisionOutcome;

/**
 * Why an evaluation came out as it did. The names are a stable API (callers and auditors match on them); each names
 * the rule family it comes from and the outcome it leads to. The precise rule (e.g. {@code T-FL}) is in
 * {@link Evaluation#rules()}.
 */
public enum ReasonCode {
    /** Consent of the scope and level the content needs is on record. */
    CONSENT_ON_RECORD("G-02", DecisionOutcome.ALLOW),
    /** A conversational reply inside the window after the person's own message. */
    IN_CONVERSATION("G-03", DecisionOutcome.ALLOW),
    /** A call the person asked for, inside the window around the time they asked for (a callback is one call). */
    CALLBACK_REQUESTED("CB-01", DecisionOutcome.ALLOW),
    /** Content the law requires (the opt-out confirmation), which no other rule can stop. */
    LEGALLY_REQUIRED("KW-08", DecisionOutcome.ALLOW),

    /** The sending number is on no 10DLC campaign. */
    SENDER_NOT_REGISTERED("G-01", DecisionOutcome.DENY),
    /** The sender's campaign is pending, suspended, expired or rejected. */
    CAMPAIGN_NOT_ACTIVE("G-01", DecisionOutcome.DENY),
    /** None of the campaign's use cases covers the content class. */
    CONTENT_NOT_COVERED_BY_CAMPAIGN("G-01", DecisionOutcome.DENY),
    /** No consent for this channel, brand-wide or for the sender's campaign. */
    NO_CONSENT("G-02", DecisionOutcome.DENY),
    /** The only consents in scope have expired. */
    CONSENT_EXPIRED("G-02", DecisionOutcome.DENY),
    /** Consent exists but is weaker than the content class needs (e.g. express, for marketing). */
    CONSENT_LEVEL_TOO_LOW("G-03", DecisionOutcome.DENY),
    /**
     * The person asked to be called back, but this call is before the window around the time they asked for, after
     * it, or after the callback was made: the request permits that one call, in its window.
     */
    CALLBACK_OUTSIDE_WINDOW("CB-01", DecisionOutcome.DENY),
    /** A conversational reply with no inbound message from the person inside the conversation window. */
    CONVERSATION_WINDOW_CLOSED("G-03", DecisionOutcome.DENY),
    /** The person revoked consent (any channel, any sender of the brand) and has not opted in again since. */
    OPTED_OUT("G-04", DecisionOutcome.DENY),
    /** The number is on the tenant's own do-not-contact list. */
    ON_DO_NOT_CONTACT_LIST("G-04", DecisionOutcome.DENY),
    /** The person was already contacted as often as a candidate state allows in its rolling window. */
    FREQUENCY_CAP_REACHED("TZ-04", DecisionOutcome.DENY),
    /** None of the allowed purposes applies (no inbound interaction, no requested callback, no SMS opt-in). */
    PURPOSE_NOT_PERMITTED("PURPOSE", DecisionOutcome.DENY),
    /** A data-subject request restricted processing: only what the law requires may be sent. */
    PROCESSING_RESTRICTED("DSAR", DecisionOutcome.DENY),
    /** A data-subject request objected to direct marketing (GDPR Art. 21(3)): no marketing, whatever the consent. */
    OBJECTED_TO_MARKETING("DSAR", DecisionOutcome.DENY),
    /** An opt-out confirmation with no opt-out inside the confirmation window. */
    NO_RECENT_OPT_OUT("KW-08", DecisionOutcome.DENY),
    /** The candidate locations share no allowed instant within two weeks. */
    NO_COMMON_WINDOW("TZ-03", DecisionOutcome.DENY),

    /** Outside 08:00–21:00 in (a candidate for) the recipient's local time. */
    OUTSIDE_FEDERAL_HOURS("T-US", DecisionOutcome.DEFER),
    /** Outside a candidate state's own calling and texting hours (or on its day of rest or holiday). */
    OUTSIDE_STATE_HOURS("T-XX", DecisionOutcome.DEFER);

    private final String ruleFamily;
    private final DecisionOutcome effect;

    ReasonCode(String ruleFamily, DecisionOutcome effect) {
        this.ruleFamily = ruleFamily;
        this.effect = effect;
    }

    /** The rule id (or family, for the state table) in regulatory-rules.md this reason comes from. */
    public String ruleFamily() {
        return ruleFamily;
    }

    /** ALLOW for supporting reasons, DENY or DEFER for failing ones. */
    public DecisionOutcome effect() {
        return effect;
    }
}
