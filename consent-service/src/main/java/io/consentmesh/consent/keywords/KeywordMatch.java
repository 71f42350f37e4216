package io.consentmesh.consent.keywords;

/** The verdict on one message body: its intent and the keyword that matched (null for {@link KeywordIntent#NONE}). */
public record KeywordMatch(KeywordIntent intent, String keyword) {

    public static final KeywordMatch NONE = new KeywordMatch(KeywordIntent.NONE, null);

    public boolean isKeyword() {
        return intent != KeywordIntent.NONE;
    }
}
