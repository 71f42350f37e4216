package io.consentmesh.dsar.clock;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The clocks of every jurisdiction the mesh knows (rules DSR-01, DSR-04 and DSR-07 of the regulatory reference). Pure
 * Java, so the replay audit recomputes every deadline the same way.
 */
public final class ClockRules {

    private static final Map<Jurisdiction, ClockRule> RULES = new EnumMap<>(Jurisdiction.class);

    static {
        put(new ClockRule(
                Jurisdiction.DEFAULT,
                Deadline.days(30),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                "the tenant's privacy policy: an answer within 30 days",
                false));
        ClockRule gdpr = new ClockRule(
                Jurisdiction.GDPR,
                Deadline.months(1),
                Optional.empty(),
                Optional.of(Deadline.months(2)),
                List.of("DSR-01"),
                "GDPR Art. 12(3): one month from receipt, extendable by two further months where necessary, the"
                        + " person told of the extension and its reasons within the first month; while the person's"
                        + " identity is in doubt the controller may ask for more (Art. 12(6)) and the month runs from"
                        + " then",
                true);
        put(gdpr);
        put(new ClockRule(
                Jurisdiction.UK_GDPR,
                gdpr.answer(),
                gdpr.confirm(),
                gdpr.extension(),
                gdpr.ruleIds(),
                "UK GDPR Art. 12(3): " + gdpr.basis().substring("GDPR Art. 12(3): ".length()),
                gdpr.pausesWhileUnverified()));
        put(new ClockRule(
                Jurisdiction.CCPA,
                Deadline.days(45),
                Optional.of(Deadline.businessDays(10)),
                Optional.of(Deadline.days(45)),
                List.of("DSR-04"),
                "CCPA regulations §7021: receipt confirmed within 10 business days; an answer within 45 calendar days"
                        + " of receipt (verification counts), extendable once by 45 days (90 in all) with notice and"
                        + " reasons within the first 45",
                false));
        put(usState(Jurisdiction.VIRGINIA, "Virginia (VCDPA §59.1-577)"));
        put(usState(Jurisdiction.COLORADO, "Colorado (CPA)"));
        put(usState(Jurisdiction.CONNECTICUT, "Connecticut (CTDPA)"));
        put(usState(Jurisdiction.TEXAS, "Texas (TDPSA)"));
        put(usState(Jurisdiction.OREGON, "Oregon (OCPA)"));
    }

    private ClockRules() {}

    private static ClockRule usState(Jurisdiction jurisdiction, String law) {
        return new ClockRule(
                jurisdiction,
                Deadline.days(45),
                Optional.empty(),
                Optional.of(Deadline.days(45)),
                List.of("DSR-07"),
                law + ": an answer within 45 days of receipt, extendable once by 45 days with notice within the first"
                        + " 45 (verification counts toward it)",
                false);
    }

    private static void put(ClockRule rule) {
        RULES.put(rule.jurisdiction(), rule);
    }

    public static ClockRule of(Jurisdiction jurisdiction) {
        return RULES.get(jurisdiction);
    }
}
