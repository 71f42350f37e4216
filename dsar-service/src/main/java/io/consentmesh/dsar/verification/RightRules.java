package io.consentmesh.dsar.verification;

import io.consentmesh.contracts.dsar.DsarRequestType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The assurance each right needs before anything is done or disclosed (DSR-06), as data. The person's number is the
 * key of everything the mesh holds of them, so controlling it is the "reasonable degree" of a password-protected
 * account; copies of specific pieces (recordings, transcripts, the evidence itself) need a reasonably high degree — the
 * code and the person's signed declaration.
 */
public final class RightRules {

    /** @param why quoted in the request's record and in a refusal for too little assurance */
    public record RightRule(DsarRequestType type, Assurance needed, List<String> ruleIds, String why) {}

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
    }

    private RightRules() {}

    private static void put(DsarRequestType type, Assurance needed, String why) {
        RULES.put(type, new RightRule(type, needed, List.of("DSR-06"), why));
    }

    public static RightRule of(DsarRequestType type) {
        return RULES.get(type);
    }
}
