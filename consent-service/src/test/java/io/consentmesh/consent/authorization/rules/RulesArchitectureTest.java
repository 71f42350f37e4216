package io.consentmesh.consent.authorization.rules;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.contracts.consent.DecisionOutcome;
import org.junit.jupiter.api.Test;

class RulesArchitectureTest {

    private static final JavaClasses RULES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.consentmesh.consent.authorization.rules");

    @Test
    void theRulesDependOnNoFramework() {
        classes()
                .that()
                .haveSimpleNameNotEndingWith("Repository")
                .and()
                .haveSimpleNameNotEndingWith("Resource")
                .and()
                .haveSimpleNameNotEndingWith("Config")
                .should()
                .onlyDependOnClassesThat(resideInAnyPackage(
                                "java..",
                                "io.consentmesh.consent.authorization.rules..",
                                "io.consentmesh.contracts",
                                "com.fasterxml.jackson..")
                        .or(equivalentTo(DecisionOutcome.class))
                        .or(equivalentTo(Channel.class)))
                .because(
                        "the replay audit re-runs the rules outside the service, under the rule set of a decision's day")
                .check(RULES);
    }

    @Test
    void evaluationDoesNoIo() {
        classes()
                .that()
                .haveSimpleNameStartingWith("RuleEvaluator")
                .or()
                .haveSimpleName("RuleSet")
                .or()
                .haveSimpleName("WeeklyHours")
                .should()
                .onlyDependOnClassesThat(resideInAnyPackage(
                                "java.lang..",
                                "java.time..",
                                "java.util..",
                                "io.consentmesh.consent.authorization.rules..",
                                "io.consentmesh.contracts")
                        .or(equivalentTo(DecisionOutcome.class))
                        .or(equivalentTo(Channel.class)))
                .because("an authorization must answer in well under 10 ms at 10,000/s: no files, network or JSON")
                .check(RULES);
    }
}
