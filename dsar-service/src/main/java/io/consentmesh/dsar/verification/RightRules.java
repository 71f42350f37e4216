package io.consentmesh.dsar.verification;

import io.consentmesh.contracts.dsar.DsarRequestType;
import io.consentmesh.dsar.clock.ClockRule;
import io.consentmesh.dsar.clock.Deadline;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The assurance each right needs before anything is done or disclosed (DSR-06), as data. The person's number is the
 * key of everything the mesh holds of them, so controlling it is the "reasonable degree" of a password-protected
 * account; copies of specific pieces (recordings, transcripts, the evidence itself) need a reasonably high degree — the
 * code and the person's signed declaration.
 */
public final class RightRules {

    /**
     * @param why quoted in the request's record and in a refusal for too little assurance
     * @param answerWithin a deadline of the right itself, sooner than the law's general one (the opt-out's 15 business
     *     days, DSR-05); the earlier of the two applies
     */
    public record RightRule(
            DsarRequestType type, Assurance needed, List<String> ruleIds, String why, Optional<Deadline> answerWithin) {

        /** When the answer is due for a clock started at {@code start} under {@code clock}. */
        public Instant answerDue(ClockRule clock, Instant start) {
            Instant general = clock.answerDue(start);
            return answerWithin
                    .map(deadline -> deadline.after(start))
                    .filter(own -> own.isBefore(general))
                    .orElse(general);
        }
    }

    private static final Map<DsarRequestType, RightRule> RULES = new EnumMap<>(DsarRequestType.class);

    static {
        String specificPieces = "copies of specific pieces of personal information need a reasonably high degree of"
                + " certainty: control of the number and a declaration signed under penalty of perjury (CCPA"
                + " regulations §7062(c))";
        put(DsarRequestType.ACCESS, Assurance.REASONABLY_HIGH, specificPieces);
        put(DsarRequestType.PORTABILITY, Assurance.REASONABLY_HIGH, specificPieces);
        put(
                DsarRequestType.DELETION,
                Assurance.REASONABLE,
                "deletion needs a reasonable degree of certainty (CCPA regulations §7062(d)): control of the number");
        put(
                DsarRequestType.RESTRICTION,
                Assurance.REASONABLE,
                "restricting processing needs a reasonable degree of certainty: control of the number");
        put(
                DsarRequestType.LIFT_RESTRICTION,
                Assurance.REASONABLE,
                "lifting a restriction lets processing start again: control of the number");
        put(
                DsarRequestType.CORRECTION,
                Assurance.REASONABLE,
                "correcting data needs a reasonable degree of certainty (CCPA regulations §7062(d)): control of the"
                        + " number");
        RULES.put(
                DsarRequestType.OBJECTION,
                new RightRule(
                        DsarRequestType.OBJECTION,
                        Assurance.NONE,
                        List.of("DSR-05"),
                        "an objection to direct marketing only stops marketing, like a STOP: no verification, as for an"
                                + " opt-out",
                        Optional.empty()));
        RULES.put(
                DsarRequestType.OPT_OUT_OF_SALE_SHARING,
                new RightRule(
                        DsarRequestType.OPT_OUT_OF_SALE_SHARING,
                        Assurance.NONE,
                        List.of("DSR-05"),
                        "an opt-out of sale or sharing needs no verification and is acted on within 15 business days"
                                + " (CCPA regulations §7026)",
                        Optional.of(Deadline.businessDays(15))));
    }

    private RightRules() {}

    private static void put(DsarRequestType type, Assurance needed, String why) {
        RULES.put(type, new RightRule(type, needed, List.of("DSR-06"), why, Optional.empty()));
    }

    public static RightRule of(DsarRequestType type) {
        return RULES.get(type);
    }
}
