package io.consentmesh.consent.consents.keywords;

import java.util.Locale;

/**
 * A keyword the provider's own opt-out management matched: Twilio Advanced Opt-Out's {@code OptOutType} ({@code STOP},
 * {@code START}, {@code HELP}) and Plivo's {@code MessageIntent} ({@code optout}, {@code optin}, {@code help}). The
 * provider acts on it — a STOP there blocks the tenant's sends and tells the person they are opted out — so a word
 * configured only at the provider counts as that keyword here too (KW-05, KW-12). The mesh's own lists are asked
 * first.
 */
public final class ProviderVerdicts {

    private ProviderVerdicts() {}

    /** The keyword the provider's verdict makes of the body, or {@link KeywordMatch#NONE} without one. */
    public static KeywordMatch of(String verdict, String body) {
        if (verdict == null || body == null) {
            return KeywordMatch.NONE;
        }
        KeywordIntent intent =
                switch (verdict.trim().toLowerCase(Locale.ROOT)) {
                    case "stop", "optout" -> KeywordIntent.OPT_OUT;
                    case "start", "optin" -> KeywordIntent.OPT_IN;
                    case "help" -> KeywordIntent.HELP;
                    default -> KeywordIntent.NONE;
                };
        if (intent == KeywordIntent.NONE) {
            return KeywordMatch.NONE;
        }
        // no language: the word is the provider's, not one of the mesh's lists
        return new KeywordMatch(intent, body.trim().toUpperCase(Locale.ROOT), null);
    }
}
