package io.consentmesh.testkit;

import io.consentmesh.testkit.security.TenantCredentialFilter;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the real broker and database of {@link MeshInfrastructure}. Test classes use it
 * through {@link MeshTest}; the infrastructure itself lives for the whole test JVM, so Quarkus restarts between test
 * profiles stay cheap.
 */
public class MeshInfrastructureResource implements QuarkusTestResourceLifecycleManager {

    private static boolean credentialsFilterAdded;

    @Override
    public Map<String, String> start() {
        addCredentialsFilter();
        return MeshInfrastructure.get().quarkusConfig();
    }

    /** Requests of tests that set no Authorization header carry their tenant's API key ({@link TenantCredentialFilter}). */
    private static synchronized void addCredentialsFilter() {
        if (!credentialsFilterAdded) {
            RestAssured.filters(new TenantCredentialFilter());
            credentialsFilterAdded = true;
        }
    }

    @Override
    public void stop() {
        // The broker and database are stopped by a shutdown hook when the test JVM exits.
    }
}
