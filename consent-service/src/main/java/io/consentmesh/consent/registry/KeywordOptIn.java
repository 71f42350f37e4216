package io.consentmesh.consent.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A campaign's message flow as keyword opt-in ("Text START to join"): the keywords it registered with TCR and the
 * consent one of them gives. A person who texts one of them to a number on the campaign opts in to its messages, with
 * the text as evidence, and gets the campaign's opt-in confirmation (CTIA: confirm the opt-in).
 *
 * @param keywords the opt-in keywords, upper case (empty: the flow is not keyword opt-in)
 * @param level EXPRESS, or EXPRESS_WRITTEN when the call to action carries the TCPA disclosure (marketing then
 *     needs nothing more); EXPRESS when not said
 */
public record KeywordOptIn(List<String> keywords, String level) {

    public static final KeywordOptIn NONE = new KeywordOptIn(List.of(), null);

    private static final Pattern KEYWORD = Pattern.compile("[A-Z0-9]{2,20}");
    private static final List<String> LEVELS = List.of("EXPRESS", "EXPRESS_WRITTEN");

    public KeywordOptIn {
        keywords = keywords == null
                ? List.of()
                : keywords.stream()
                        .map(keyword -> keyword == null ? null : keyword.trim().toUpperCase(Locale.ROOT))
                        .distinct()
                        .toList();
        level = level == null && !keywords.isEmpty() ? "EXPRESS" : level;
    }

    public boolean declared() {
        return !keywords.isEmpty();
    }

    /** What is wrong with the declaration, each naming the field. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (keywords.size() > 10) {
            problems.add("keywordOptIn.keywords: at most 10");
        }
        for (int i = 0; i < keywords.size(); i++) {
            String keyword = keywords.get(i);
            if (keyword == null || !KEYWORD.matcher(keyword).matches()) {
                problems.add("keywordOptIn.keywords[" + i + "]: one word of 2 to 20 letters or digits");
            } else if (OPT_OUT_AND_HELP.contains(keyword)) {
                problems.add("keywordOptIn.keywords[" + i + "]: " + keyword + " stops or asks for help (KW-01, KW-03)");
            }
        }
        if (level != null && !LEVELS.contains(level)) {
            problems.add("keywordOptIn.level: EXPRESS or EXPRESS_WRITTEN");
        }
        if (level != null && keywords.isEmpty()) {
            problems.add("keywordOptIn.level: only with keywords");
        }
        return problems;
    }

    /** Words every campaign must honour as opt-out or help (KW-01, KW-03): never an opt-in keyword. */
    private static final List<String> OPT_OUT_AND_HELP =
            List.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "HELP", "INFO");
}
