package io.consentmesh.consent.consents;

/** G-03: transactional messages need express consent, marketing needs express written consent. */
public enum ConsentLevel {
    EXPRESS,
    EXPRESS_WRITTEN
}
