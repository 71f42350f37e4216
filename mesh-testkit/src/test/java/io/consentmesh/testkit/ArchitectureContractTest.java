package io.consentmesh.testkit;

import static io.consentmesh.testkit.ArchitectureContract.RESOURCES_LEAVE_THE_DATABASE_TO_THEIR_CAPABILITY;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import io.consentmesh.testkit.planted.CleanResource;
import io.consentmesh.testkit.planted.PlantedAgroalResource;
import io.consentmesh.testkit.planted.PlantedJdbcResource;
import io.consentmesh.testkit.planted.PlantedMutinyPoolResource;
import io.consentmesh.testkit.planted.PlantedTransactionResource;
import org.junit.jupiter.api.Test;

/**
 * The contract's rules evaluated against planted classes: the database rule must fail on each client and pass a clean
 * resource; the cycle rule must fail on two packages that use each other.
 */
class ArchitectureContractTest {

    private static EvaluationResult evaluate(Class<?> resource) {
        return RESOURCES_LEAVE_THE_DATABASE_TO_THEIR_CAPABILITY.evaluate(
                new ClassFileImporter().importClasses(resource));
    }

    @Test
    void rejectsAResourceThatUsesJdbc() {
        EvaluationResult result = evaluate(PlantedJdbcResource.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains("java.sql.Connection"));
    }

    @Test
    void rejectsAResourceThatUsesTheMutinyVertxPool() {
        EvaluationResult result = evaluate(PlantedMutinyPoolResource.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("io.vertx.mutiny.sqlclient.Pool"));
    }

    @Test
    void rejectsAResourceThatHoldsTheAgroalDataSource() {
        EvaluationResult result = evaluate(PlantedAgroalResource.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("io.agroal.api.AgroalDataSource"));
    }

    @Test
    void rejectsAResourceWhoseLambdaTakesTheStoresConnection() {
        EvaluationResult result = evaluate(PlantedTransactionResource.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("io.vertx.mutiny.sqlclient.SqlConnection"));
    }

    @Test
    void acceptsAResourceThatCallsItsStore() {
        EvaluationResult result = evaluate(CleanResource.class);

        assertThat(result.hasViolation())
                .as(result.getFailureReport().toString())
                .isFalse();
    }

    @Test
    void rejectsTwoPackagesThatDependOnEachOther() {
        EvaluationResult result = ArchitectureContract.noPackageCycles("io.consentmesh.testkit.planted.cycle")
                .evaluate(new ClassFileImporter().importPackages("io.consentmesh.testkit.planted.cycle"));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains("Cycle detected"));
    }
}
