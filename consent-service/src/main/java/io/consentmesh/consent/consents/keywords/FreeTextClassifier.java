package io.consentmesh.consent.consents.keywords;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a message that is not a keyword for a revocation in other words (KW-05: the legal test is what a reasonable
 * person means, not the keyword list): "please stop texting me", "no more messages", "stop calling me", "no me
 * escribas más", "arrêtez de m'envoyer des messages". Rules with a confidence, not a model, so every verdict can be
 * explained: a clear phrase revokes ({@link #REVOKE} and above); a near-miss of a keyword ("STIP") or "stop" in a
 * sentence that may mean something else goes to a person ({@link #REVIEW} and above); anything else is nothing.
 * Pure Java.
 */
public final class FreeTextClassifier {

    public static final double REVOKE = 0.85;
    public static final double REVIEW = 0.5;

    private record Rule(Pattern pattern, double confidence, String language, String name) {}

    private static final String ME = "(?: ME| US)?";
    private static final List<Rule> RULES = List.of(
            rule(
                    "\\bSTOP (?:TEXTING|MESSAGING|SENDING|CALLING|CONTACTING|SPAMMING)" + ME + "\\b",
                    0.95,
                    "en",
                    "stop texting/calling me"),
            rule(
                    "\\b(?:DONT|DON T|DO NOT|NEVER) (?:TEXT|MESSAGE|CALL|CONTACT|SMS)" + ME + "\\b",
                    0.95,
                    "en",
                    "don't text/call me"),
            rule("\\bNO MORE (?:TEXTS?|MESSAGES?|MSGS?|CALLS?|SMS)\\b", 0.95, "en", "no more messages"),
            rule("\\b(?:UNSUBSCRIBE|REMOVE|DELETE|OPT) ME\\b", 0.9, "en", "unsubscribe/remove me"),
            rule("\\bTAKE ME OFF\\b", 0.9, "en", "take me off"),
            rule("\\bI (?:WANT|WOULD LIKE|D LIKE) TO (?:UNSUBSCRIBE|OPT OUT|STOP)\\b", 0.9, "en", "I want to stop"),
            rule("^(?:PLEASE )?STOP(?: PLEASE| NOW| IT| THIS)?$", 0.9, "en", "please stop"),
            rule("\\bLEAVE ME ALONE\\b", 0.85, "en", "leave me alone"),
            rule(
                    "\\bNO (?:ME|NOS) (?:ESCRIBAS|ESCRIBAN|LLAMES|LLAMEN|MANDES|MANDEN|ENVIES|ENVIEN|CONTACTES)\\b",
                    0.95,
                    "es",
                    "no me escribas/llames"),
            rule("\\bNO MAS (?:MENSAJES|LLAMADAS|TEXTOS|SMS)\\b", 0.95, "es", "no más mensajes"),
            rule(
                    "\\b(?:DEJA|DEJEN|DEJE) DE (?:ENVIARME|MANDARME|ESCRIBIRME|LLAMARME|CONTACTARME)\\b",
                    0.95,
                    "es",
                    "deja de enviarme"),
            rule("\\b(?:DAME|DARME|DENME|ME DOY) DE BAJA\\b", 0.9, "es", "darme de baja"),
            rule("\\bNO QUIERO (?:MAS |RECIBIR )?(?:MENSAJES|LLAMADAS|TEXTOS)\\b", 0.9, "es", "no quiero mensajes"),
            rule(
                    "\\bARRETEZ (?:DE )?(?:M ENVOYER|ME CONTACTER|M APPELER|M ECRIRE)\\b",
                    0.95,
                    "fr",
                    "arrêtez de m'envoyer"),
            rule("\\bNE (?:M ECRIVEZ|M APPELEZ|M ENVOYEZ|ME CONTACTEZ) PLUS\\b", 0.95, "fr", "ne m'écrivez plus"),
            rule("\\b(?:DESABONNEZ|DESINSCRIVEZ) MOI\\b", 0.9, "fr", "désabonnez-moi"));

    /**
     * A condition on the request ("stop texting me after 6pm", "on weekends") may be a limit rather than a revocation:
     * a person decides.
     */
    private static final Pattern CONDITION = Pattern.compile(
            "\\b(?:AFTER|BEFORE|UNTIL|TILL|DURING|ON WEEKENDS?|AT NIGHT|IN THE MORNING|AT WORK|DESPUES|ANTES|HASTA|APRES|AVANT)\\b");

    /** Words that, inside a longer message, may or may not be a revocation ("stop by the store?"). */
    private static final Pattern MAYBE = Pattern.compile("\\b(?:STOP|UNSUBSCRIBE|OPTOUT|OPT OUT|BASTA|ALTO)\\b");

    /** Keywords a typo of which is read as a possible opt-out ("STIP", "STPO", "UNSUSCRIBE"). */
    private static final Set<String> TYPO_TARGETS =
            Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "OPTOUT", "CANCEL", "REVOKE");

    private static Rule rule(String regex, double confidence, String language, String name) {
        return new Rule(Pattern.compile(regex), confidence, language, name);
    }

    /** @param body a message that is not a keyword (check with {@link KeywordClassifier} first) */
    public FreeTextMatch classify(String body) {
        if (body == null || body.isBlank()) {
            return FreeTextMatch.NONE;
        }
        String text = KeywordClassifier.normalise(body);
        for (Rule rule : RULES) {
            if (rule.pattern().matcher(text).find()) {
                return CONDITION.matcher(text).find()
                        ? new FreeTextMatch(0.6, rule.name() + ", with a condition", rule.language())
                        : new FreeTextMatch(rule.confidence(), rule.name(), rule.language());
            }
        }
        if (!text.contains(" ") && text.length() >= 4) {
            for (String target : TYPO_TARGETS) {
                if (oneEditApart(text, target)) {
                    return new FreeTextMatch(0.7, "a typo of " + target, "en");
                }
            }
        }
        if (MAYBE.matcher(text).find()) {
            return new FreeTextMatch(0.55, "\"stop\" or \"unsubscribe\" in a longer message", null);
        }
        return FreeTextMatch.NONE;
    }

    /** One substitution, insertion, deletion or swap of neighbours (Damerau–Levenshtein distance 1). */
    static boolean oneEditApart(String a, String b) {
        if (a.equals(b) || Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        if (a.length() == b.length()) {
            int first = -1;
            int differences = 0;
            for (int i = 0; i < a.length(); i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    differences++;
                    first = first < 0 ? i : first;
                }
            }
            boolean swap = differences == 2
                    && first + 1 < a.length()
                    && a.charAt(first) == b.charAt(first + 1)
                    && a.charAt(first + 1) == b.charAt(first);
            return differences == 1 || swap;
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = a.length() > b.length() ? b : a;
        for (int i = 0; i < longer.length(); i++) {
            if ((longer.substring(0, i) + longer.substring(i + 1)).equals(shorter)) {
                return true;
            }
        }
        return false;
    }
}
