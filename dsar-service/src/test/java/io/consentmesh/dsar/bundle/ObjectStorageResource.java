package io.consentmesh.dsar.bundle;

import io.consentmesh.storage.S3Objects;
import io.consentmesh.testkit.infra.S3CompatibleServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server with a {@code recordings} bucket for the module's tests, given to dsar-service as the
 * store {@code object-storage} it may read the persons' files from.
 */
public class ObjectStorageResource implements QuarkusTestResourceLifecycleManager {

    static final String STORE = "object-storage";
    static final String BUCKET = "recordings";

    private static S3CompatibleServer server;

    @Override
    public Map<String, String> start() {
        server = new S3CompatibleServer(BUCKET);
        String prefix = "mesh.dsar.bundle.object-stores." + STORE + ".";
        return Map.of(
                prefix + "base-url", server.endpoint(),
                prefix + "username", "test",
                prefix + "password", "test");
    }

    /** Stores a file as the tenant's recorder would; returns its address. */
    static String put(String key, byte[] content) {
        try (S3Client s3 = S3Objects.client(server.endpoint(), "us-east-1", "test", "test", Duration.ofSeconds(10))) {
            s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(content));
        }
        return "s3://" + BUCKET + "/" + key;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
