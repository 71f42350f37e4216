package io.consentmesh.consent.authorization;

/** Why a decision came out as it did; stable codes that callers and auditors can rely on. */
public enum Reason {
    /** The person has consent on record for this channel. */
    CONSENT_ON_RECORD,
    /** The person revoked consent (a keyword, or any other reasonable means). */
    OPTED_OUT,
    /** Nothing on record allows contacting the person on this channel. */
    NO_CONSENT
}
