package io.consentmesh.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The few structural rules every service keeps. A service's {@code ArchitectureTest} extends this; the rules apply to
 * the production classes of the test's own package and below.
 */
public abstract class ArchitectureContract {

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
                .haveSimpleName("ChainHash")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.consentmesh..", "com.fasterxml.jackson..")
                .because("the replay audit re-runs these rules outside the service, and they are tested without it")
                .allowEmptyShould(true)
                .check(productionClasses());
    }

    @Test
    void resourcesLeaveTheDatabaseToTheirCapability() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Resource")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.hibernate..", "io.vertx.sqlclient..")
                .because("HTTP resources translate requests; the capability classes own the transactions")
                .allowEmptyShould(true)
                .check(productionClasses());
    }
}
