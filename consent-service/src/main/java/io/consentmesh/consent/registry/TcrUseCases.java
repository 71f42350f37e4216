package io.consentmesh.consent.registry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Campaign Registry's use cases (TCR-02): the standard and special ones a campaign is registered under, and the
 * sub-use-cases a MIXED (2–5) or LOW_VOLUME (1–5) campaign declares. Which content classes each covers is rule-set
 * data ({@link UseCaseCoverage}).
 */
public final class TcrUseCases {

    /** Standard use cases that may also be declared as sub-use-cases of MIXED and LOW_VOLUME. */
    public static final Set<String> SUB_USE_CASES = Set.of(
            "2FA",
            "ACCOUNT_NOTIFICATION",
            "CUSTOMER_CARE",
            "DELIVERY_NOTIFICATION",
            "FRAUD_ALERT",
            "HIGHER_EDUCATION",
            "MARKETING",
            "POLLING_VOTING",
            "PUBLIC_SERVICE_ANNOUNCEMENT",
            "SECURITY_ALERT");

    /** Every use case a campaign may be registered under: standard, MIXED, LOW_VOLUME and the special ones. */
    public static final Set<String> USE_CASES;

    static {
        Set<String> all = new HashSet<>(SUB_USE_CASES);
        all.addAll(Set.of(
                "MIXED",
                "LOW_VOLUME",
                "AGENTS_FRANCHISES",
                "CHARITY",
                "EMERGENCY",
                "K12_EDUCATION",
                "POLITICAL",
                "PROXY",
                "SOCIAL",
                "SWEEPSTAKE",
                "SOLE_PROPRIETOR"));
        USE_CASES = Set.copyOf(all);
    }

    private TcrUseCases() {}

    /**
     * What is wrong with a use case and its sub-use-cases, each problem naming the field and the rule it breaks; empty
     * when they are valid.
     */
    public static List<String> problems(String useCase, List<String> subUseCases) {
        List<String> problems = new ArrayList<>();
        List<String> subs = subUseCases == null ? List.of() : subUseCases;
        if (useCase == null || !USE_CASES.contains(useCase)) {
            problems.add("useCase: not a TCR use case (TCR-02)");
            return problems;
        }
        for (String sub : subs) {
            if (sub == null || !SUB_USE_CASES.contains(sub)) {
                problems.add("subUseCases: '" + sub + "' is not a standard TCR use case (TCR-02)");
            }
        }
        if (Set.copyOf(subs.stream().filter(s -> s != null).toList()).size() != subs.size()) {
            problems.add("subUseCases: each sub-use-case once");
        }
        switch (useCase) {
            case "MIXED" -> {
                if (subs.size() < 2 || subs.size() > 5) {
                    problems.add("subUseCases: MIXED declares 2 to 5 sub-use-cases (TCR-02)");
                }
            }
            case "LOW_VOLUME" -> {
                if (subs.size() > 5) {
                    problems.add("subUseCases: LOW_VOLUME declares at most 5 sub-use-cases (TCR-02)");
                }
            }
            default -> {
                if (!subs.isEmpty()) {
                    problems.add("subUseCases: only MIXED and LOW_VOLUME campaigns declare sub-use-cases");
                }
            }
        }
        return problems;
    }
}
