package io.consentmesh.consent.registry;

import io.consentmesh.consent.authorization.rules.ContentClass;
import io.consentmesh.consent.authorization.rules.RuleSet;
import io.consentmesh.consent.authorization.rules.RuleSetRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Whether a campaign's use cases cover a content class (G-01). The mapping is rule-set data ({@code
 * campaignUseCases}), so a decision is re-evaluated under the mapping of its day: MARKETING content needs a MARKETING
 * campaign, a MIXED or LOW_VOLUME one with MARKETING among its sub-use-cases, or LOW_VOLUME (which covers every class);
 * ACCOUNT_NOTIFICATION covers informational and transactional content; MIXED on its own covers nothing.
 */
@ApplicationScoped
public class UseCaseCoverage {

    private final RuleSetRepository rules;

    UseCaseCoverage(RuleSetRepository rules) {
        this.rules = rules;
    }

    /** Whether any of the use cases (a campaign's own and its sub-use-cases) covers the class under the rules at. */
    public boolean covers(Collection<String> useCases, ContentClass contentClass, Instant at) {
        return rules.ruleSetInEffectAt(at)
                .map(ruleSet -> ruleSet.covers(Set.copyOf(useCases), contentClass))
                .orElse(false);
    }

    /** The content classes the use cases cover under the rule set in effect at the instant, in declaration order. */
    public List<ContentClass> coveredClasses(Collection<String> useCases, Instant at) {
        List<ContentClass> covered = new ArrayList<>();
        RuleSet ruleSet = rules.ruleSetInEffectAt(at).orElse(null);
        if (ruleSet == null) {
            return covered;
        }
        Set<String> all = Set.copyOf(useCases);
        for (ContentClass contentClass : ContentClass.values()) {
            if (ruleSet.covers(all, contentClass)) {
                covered.add(contentClass);
            }
        }
        return covered;
    }
}
