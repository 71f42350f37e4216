package io.consentmesh.consent.keywords;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Classifies an inbound SMS body as an opt-out, opt-in or help keyword (KW-01, KW-02, KW-03). Matching follows the
 * providers' norm (KW-04): the whole body must be the keyword, case-insensitive, after trimming; we also drop
 * punctuation, symbols and emoji around and inside it ("Stop.", "STOP!", "opt-out") because a person who writes them
 * still means the keyword. Pure Java: the replay audit reuses it.
 */
public final class KeywordClassifier {

    public static final Set<String> OPT_OUT = Set.of(
            "STOP",
            "STOPALL",
            "STOP ALL",
            "UNSUBSCRIBE",
            "CANCEL",
            "END",
            "QUIT",
            "REVOKE",
            "OPTOUT",
            "OPT OUT",
            "REMOVE",
            "ARRET",
            "ARRETE",
            "ARRETT",
            "TD");
    public static final Set<String> OPT_IN = Set.of("START", "YES", "UNSTOP");
    public static final Set<String> HELP = Set.of("HELP", "INFO");

    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");

    private final Map<String, KeywordIntent> keywords = new HashMap<>();

    public KeywordClassifier() {
        OPT_OUT.forEach(k -> keywords.put(normalise(k), KeywordIntent.OPT_OUT));
        OPT_IN.forEach(k -> keywords.put(normalise(k), KeywordIntent.OPT_IN));
        HELP.forEach(k -> keywords.put(normalise(k), KeywordIntent.HELP));
    }

    public KeywordMatch classify(String body) {
        if (body == null) {
            return KeywordMatch.NONE;
        }
        String normalised = normalise(body);
        KeywordIntent intent = keywords.get(normalised);
        return intent == null ? KeywordMatch.NONE : new KeywordMatch(intent, normalised);
    }

    /** Upper case, accents removed ("ARRÊT" is ARRET), every run of non-letters a single space, trimmed. */
    static String normalise(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        String plain = DIACRITICS.matcher(decomposed).replaceAll("");
        return NOT_WORD.matcher(plain.toUpperCase(Locale.ROOT)).replaceAll(" ").trim();
    }
}
