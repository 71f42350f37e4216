package io.consentmesh.dsar.requests;

/** Who brought the request in, and through which channel. */
public enum RequestSource {
    /** The person, through the tenant's web form. */
    PERSON_WEB_FORM,
    /** The person, by texting the tenant's privacy keyword. */
    PERSON_SMS,
    /** The person, speaking to the tenant's AI agent. */
    AGENT_RUNTIME,
    /** The tenant's privacy team, for a request that reached it by post, e-mail or phone. */
    PRIVACY_OPS,
    /** Someone the person authorized, with their signed permission (CCPA regulations §7063). */
    AUTHORIZED_AGENT
}
