package io.consentmesh.consent.authorization.rules;

/** How strong a consent is (G-03); each grade also satisfies every weaker one. */
public enum ConsentGrade {
    /** Implied by the person's own inbound message; lasts for the conversation window only. */
    IMPLIED,
    EXPRESS,
    /** Signed (E-SIGN is enough) writing naming the seller and the number: what marketing needs. */
    EXPRESS_WRITTEN;

    public boolean satisfies(ConsentGrade required) {
        return compareTo(required) >= 0;
    }
}
