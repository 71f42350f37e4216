package io.consentmesh.consent.consents;

/**
 * G-03: a conversational reply needs only the consent implied by the person's own message, transactional messages
 * need express consent, marketing needs express written consent.
 */
public enum ConsentLevel {
    /** Implied by a conversation the person started; recorded only with an expiry, since it ends with the exchange. */
    IMPLIED,
    EXPRESS,
    /** Signed writing naming the seller and the number; an E-SIGN signature (form, text, keypress) is enough. */
    EXPRESS_WRITTEN
}
