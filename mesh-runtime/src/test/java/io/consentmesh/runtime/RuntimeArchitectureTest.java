package io.consentmesh.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** What keeps mesh-runtime a set of mechanisms: no business of any service, verifiable parts free of frameworks. */
class RuntimeArchitectureTest {

    private static final JavaClasses RUNTIME = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.consentmesh.runtime");

    @Test
    void theVerifiablePartsOfAChainedLogNeedNoFramework() {
        classes()
                .that()
                .haveSimpleName("ChainHash")
                .or()
                .haveSimpleName("Merkle")
                .or()
                .haveSimpleName("CheckpointStatement")
                .or()
                .haveSimpleName("CheckpointKey")
                .or()
                .haveSimpleName("SubjectRef")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..", "io.consentmesh.runtime.chain..", "com.fasterxml.jackson..", "org.bouncycastle..")
                .because("an auditor's offline verifier recomputes hashes, roots and signatures with these alone")
                .check(RUNTIME);
    }

    @Test
    void knowsNoService() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.consentmesh.consent..",
                        "io.consentmesh.ingest..",
                        "io.consentmesh.retention..",
                        "io.consentmesh.dsar..")
                .because("the runtime is shared by every service; a service's business lives in the service")
                .check(RUNTIME);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.consentmesh.runtime.(**)")
                .should()
                .beFreeOfCycles()
                .check(RUNTIME);
    }
}
