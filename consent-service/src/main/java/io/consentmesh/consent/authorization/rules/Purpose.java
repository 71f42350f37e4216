package io.consentmesh.consent.authorization.rules;

/** The purposes for which the tenant's privacy policy lets it contact someone; a rule set lists those allowed. */
public enum Purpose {
    /** Answering the person's own inbound message or call, within the rule set's inbound-response window. */
    INBOUND_RESPONSE,
    /** A call back that the person asked for. */
    REQUESTED_CALLBACK,
    /** A text to someone who opted in to texts (express consent or stronger). */
    SMS_TO_OPTED_IN
}
