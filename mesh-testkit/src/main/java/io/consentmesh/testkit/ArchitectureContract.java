package io.consentmesh.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The few structural rules every service keeps. A service's {@code ArchitectureTest} extends this; the rules apply to
 * the production classes of the test's own package and below.
 */
public abstract class ArchitectureContract {

    /** The packages of every database client: the Vert.x SQL clients (plain and Mutiny), JDBC, Agroal, JPA. */
    private static final String[] DATABASE_CLIENTS = {
        "io.vertx..sqlclient..",
        "io.vertx.pgclient..",
        "io.vertx.mutiny.pgclient..",
        "java.sql..",
        "javax.sql..",
        "io.agroal..",
        "org.hibernate..",
        "jakarta.persistence.."
    };

    private static final DescribedPredicate<JavaAccess<?>> HANDS_OVER_A_DATABASE_CLIENT =
            DescribedPredicate.describe("a method or constructor that takes or returns a database client", access -> {
                if (!(access.getTarget() instanceof AccessTarget.CodeUnitAccessTarget target)) {
                    return false;
                }
                DescribedPredicate<JavaClass> client = JavaClass.Predicates.resideInAnyPackage(DATABASE_CLIENTS);
                return client.test(target.getRawReturnType())
                        || target.getRawParameterTypes().stream().anyMatch(client);
            });

    /**
     * No {@code *Resource} uses a database client of any kind, neither by name nor through a store's method that takes
     * or returns one (a lambda that hands a store's connection on is a transaction run by the resource). Public so
     * that the contract's own test can show it fails on planted violations.
     */
    public static final ArchRule RESOURCES_LEAVE_THE_DATABASE_TO_THEIR_CAPABILITY = noClasses()
            .that()
            .haveSimpleNameEndingWith("Resource")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(DATABASE_CLIENTS)
            .orShould()
            .accessTargetWhere(HANDS_OVER_A_DATABASE_CLIENT)
            .because("HTTP resources translate requests; the capability's store or service class owns the statements,"
                    + " connections and transactions (JDBC only in offline commands)")
            .allowEmptyShould(true);

    private JavaClasses productionClasses() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(getClass().getPackageName());
    }

    @Test
    void usesJakartaNotJavaxEnterpriseApis() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("javax.ws.rs..", "javax.inject..", "javax.persistence..", "javax.enterprise..")
                .because("Quarkus 3 is Jakarta EE 10; a javax.* import compiles against nothing that runs")
                .check(productionClasses());
    }

    @Test
    void pureRulesDependOnNoFramework() {
        classes()
                .that()
                .haveSimpleNameEndingWith("Classifier")
                .or()
                .haveSimpleNameEndingWith("Schedule")
                .or()
                .haveSimpleNameEndingWith("Clock")
                .or()
                .haveSimpleNameEndingWith("Transition")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.consentmesh..", "com.fasterxml.jackson..")
                .because("the replay audit re-runs these rules outside the service, and they are tested without it")
                .allowEmptyShould(true)
                .check(productionClasses());
    }

    /** No two packages below {@code root} depend on each other, directly or around a loop. */
    public static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(**)")
                .should()
                .beFreeOfCycles()
                .because("a capability that depends on another in both directions is one capability in two places:"
                        + " neither can be understood, tested or moved alone");
    }

    @Test
    void packagesHaveNoCycles() {
        noPackageCycles(getClass().getPackageName()).check(productionClasses());
    }

    @Test
    void resourcesLeaveTheDatabaseToTheirCapability() {
        RESOURCES_LEAVE_THE_DATABASE_TO_THEIR_CAPABILITY.check(productionClasses());
    }
}
