package io.consentmesh.consent.consents.keywords;

/**
 * The verdict on one message body: its intent, the keyword that matched and the language of the list it is on (both
 * null for {@link KeywordIntent#NONE}).
 */
public record KeywordMatch(KeywordIntent intent, String keyword, String language) {

    public static final KeywordMatch NONE = new KeywordMatch(KeywordIntent.NONE, null, null);

    public boolean isKeyword() {
        return intent != KeywordIntent.NONE;
    }
}
