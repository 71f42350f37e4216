package io.consentmesh.consent.consents.keywords;

import java.text.Normalizer;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Classifies an inbound SMS body as an opt-out, opt-in or help keyword (KW-01, KW-02, KW-03), in any of the languages
 * it knows: the built-in lists plus a tenant's own additions. Matching follows the providers' norm (KW-04): the whole
 * body must be the keyword, case-insensitive, after trimming; we also drop accents, punctuation, symbols and emoji
 * ("Stop.", "STOP!", "Arrêt", "opt-out") because a person who writes them still means the keyword. A tenant can add
 * keywords but never remove a built-in one: the FCC's words revoke consent whatever a tenant configures (KW-01).
 * Pure Java: the replay audit reuses it.
 */
public final class KeywordClassifier {

    /** The built-in keywords per language (ISO 639-1). */
    public static final Map<String, Map<KeywordIntent, Set<String>>> BUILT_IN = Map.of(
            "en",
            Map.of(
                    KeywordIntent.OPT_OUT,
                    Set.of(
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
                            "REMOVE"),
                    KeywordIntent.OPT_IN,
                    Set.of("START", "YES", "UNSTOP"),
                    KeywordIntent.HELP,
                    Set.of("HELP", "INFO")),
            "fr",
            Map.of(
                    KeywordIntent.OPT_OUT, Set.of("ARRET", "ARRETE", "ARRETT", "TD"),
                    KeywordIntent.OPT_IN, Set.of(),
                    KeywordIntent.HELP, Set.of("AIDE")),
            "es",
            Map.of(
                    KeywordIntent.OPT_OUT, Set.of("ALTO", "PARAR", "BAJA", "CANCELAR"),
                    KeywordIntent.OPT_IN, Set.of("COMENZAR"),
                    KeywordIntent.HELP, Set.of("AYUDA")));

    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");

    private record Entry(KeywordIntent intent, String language) {}

    private final Map<String, Entry> keywords = new HashMap<>();
    private final Map<String, Map<KeywordIntent, Set<String>>> effective = new LinkedHashMap<>();

    /** The built-in lists only. */
    public KeywordClassifier() {
        this(Map.of());
    }

    /**
     * @param additions a tenant's own keywords per language and intent
     * @throws IllegalArgumentException when a keyword would mean two things (a tenant's or a built-in one)
     */
    public KeywordClassifier(Map<String, Map<KeywordIntent, List<String>>> additions) {
        BUILT_IN.forEach(
                (language, lists) -> lists.forEach((intent, words) -> words.forEach(w -> add(language, intent, w))));
        additions.forEach(
                (language, lists) -> lists.forEach((intent, words) -> words.forEach(w -> add(language, intent, w))));
    }

    private void add(String language, KeywordIntent intent, String keyword) {
        if (intent == KeywordIntent.NONE) {
            throw new IllegalArgumentException("NONE is not a keyword intent");
        }
        String normalised = normalise(keyword);
        if (normalised.isEmpty() || normalised.length() > 40) {
            throw new IllegalArgumentException("a keyword must have 1 to 40 letters or digits: \"" + keyword + "\"");
        }
        Entry previous = keywords.putIfAbsent(normalised, new Entry(intent, language));
        if (previous != null && previous.intent() != intent) {
            throw new IllegalArgumentException("\"" + normalised + "\" is already a " + previous.intent() + " keyword ("
                    + previous.language() + ")");
        }
        effective
                .computeIfAbsent(language, l -> new EnumMap<>(KeywordIntent.class))
                .computeIfAbsent(intent, i -> new TreeSet<>())
                .add(normalised);
    }

    public KeywordMatch classify(String body) {
        if (body == null) {
            return KeywordMatch.NONE;
        }
        String normalised = normalise(body);
        Entry entry = keywords.get(normalised);
        return entry == null ? KeywordMatch.NONE : new KeywordMatch(entry.intent(), normalised, entry.language());
    }

    /** Every keyword this classifier knows, per language and intent (normalised, sorted). */
    public Map<String, Map<KeywordIntent, List<String>>> lists() {
        Map<String, Map<KeywordIntent, List<String>>> lists = new LinkedHashMap<>();
        effective.forEach((language, byIntent) -> {
            Map<KeywordIntent, List<String>> copy = new EnumMap<>(KeywordIntent.class);
            byIntent.forEach((intent, words) -> copy.put(intent, List.copyOf(words)));
            lists.put(language, copy);
        });
        return lists;
    }

    /** Upper case, accents removed ("ARRÊT" is ARRET), every run of non-letters a single space, trimmed. */
    public static String normalise(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        String plain = DIACRITICS.matcher(decomposed).replaceAll("");
        return NOT_WORD.matcher(plain.toUpperCase(Locale.ROOT)).replaceAll(" ").trim();
    }
}
