package io.consentmesh.testkit;

import io.consentmesh.testkit.security.TenantCredentialFilter;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * Points a {@code @QuarkusTest} at the real broker and database of {@link MeshInfrastructure}. Test classes use it
 * through {@link MeshTest}; the infrastructure itself lives for the whole test JVM, so Quarkus restarts between test
 * profiles stay cheap. The service logs in to Kafka as its own principal, named by its {@code quarkus.application.name}.
 */
public class MeshInfrastructureResource implements QuarkusTestResourceLifecycleManager {

    private static boolean credentialsFilterAdded;

    @Override
    public Map<String, String> start() {
        addCredentialsFilter();
        return MeshInfrastructure.get().quarkusConfig(applicationName());
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

    /**
     * The module's {@code quarkus.application.name}, read from its application.properties (a test resource starts
     * before the application's configuration exists), or null.
     */
    static String applicationName() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream("application.properties")) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("quarkus.application.name");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
