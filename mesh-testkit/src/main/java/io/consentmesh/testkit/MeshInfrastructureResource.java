package io.consentmesh.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the real broker and database of {@link MeshInfrastructure}. Test classes use it
 * through {@link MeshTest}; the infrastructure itself lives for the whole test JVM, so Quarkus restarts between test
 * profiles stay cheap.
 */
public class MeshInfrastructureResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return MeshInfrastructure.get().quarkusConfig();
    }

    @Override
    public void stop() {
        // The broker and database are stopped by a shutdown hook when the test JVM exits.
    }
}
