package io.consentmesh.agent;

import io.consentmesh.testkit.infra.S3CompatibleServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Starts {@link FakeProviders} and a real S3-compatible server before the agent, and points its {@code twilio},
 * {@code plaid} and {@code object-storage} stores at them, and its file exports at the bucket {@code dsar-exports}.
 */
public class FakeProvidersResource implements QuarkusTestResourceLifecycleManager {

    static FakeProviders providers;
    static S3CompatibleServer objectStorage;

    /** The providers, for tests in other packages. */
    public static FakeProviders providers() {
        return providers;
    }

    /** A client of the object storage the agent deletes from and exports to. */
    public static software.amazon.awssdk.services.s3.S3Client s3() {
        return io.consentmesh.storage.S3Objects.client(
                objectStorage.endpoint(), "us-east-1", "test", "test", java.time.Duration.ofSeconds(10));
    }

    @Override
    public Map<String, String> start() {
        try {
            providers = new FakeProviders();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        objectStorage = new S3CompatibleServer("recordings", "quarantine", "dsar-exports");
        return Map.ofEntries(
                Map.entry("mesh.agent.name", "test"),
                Map.entry("mesh.agent.stores.twilio.kind", "twilio"),
                Map.entry("mesh.agent.stores.twilio.base-url", providers.baseUrl()),
                Map.entry("mesh.agent.stores.twilio.username", FakeProviders.TWILIO_SID),
                Map.entry("mesh.agent.stores.twilio.password", FakeProviders.TWILIO_TOKEN),
                Map.entry("mesh.agent.stores.plaid.kind", "plaid"),
                Map.entry("mesh.agent.stores.plaid.base-url", providers.baseUrl()),
                Map.entry("mesh.agent.stores.plaid.username", FakeProviders.PLAID_CLIENT),
                Map.entry("mesh.agent.stores.plaid.password", FakeProviders.PLAID_SECRET),
                Map.entry("mesh.agent.stores.plaid.access-tokens.\"item-of-ada\"", "access-sandbox-ada"),
                Map.entry("mesh.agent.stores.object-storage.kind", "s3"),
                Map.entry("mesh.agent.stores.object-storage.base-url", objectStorage.endpoint()),
                Map.entry("mesh.agent.stores.object-storage.username", "test"),
                Map.entry("mesh.agent.stores.object-storage.password", "test"),
                Map.entry("mesh.agent.stores.object-storage.quarantine-bucket", "quarantine"),
                Map.entry("mesh.agent.exports.base-url", objectStorage.endpoint()),
                Map.entry("mesh.agent.exports.username", "test"),
                Map.entry("mesh.agent.exports.password", "test"),
                Map.entry("mesh.agent.exports.bucket", "dsar-exports"));
    }

    @Override
    public void stop() {
        if (providers != null) {
            providers.close();
        }
        if (objectStorage != null) {
            objectStorage.close();
        }
    }
}
