package io.consentmesh.consent.consents.keywords;

/**
 * What {@link FreeTextClassifier} read in a message.
 *
 * @param confidence 0 to 1: how sure the rules are that the person revoked consent
 * @param phrase the rule that matched, for the record and the reviewer
 * @param language the language of the matching rule, or null when it is language-neutral
 */
public record FreeTextMatch(double confidence, String phrase, String language) {

    public static final FreeTextMatch NONE = new FreeTextMatch(0, null, null);

    public boolean isRevocation() {
        return confidence >= FreeTextClassifier.REVOKE;
    }

    /** Possibly a revocation: a person decides. */
    public boolean needsReview() {
        return confidence >= FreeTextClassifier.REVIEW && !isRevocation();
    }
}
