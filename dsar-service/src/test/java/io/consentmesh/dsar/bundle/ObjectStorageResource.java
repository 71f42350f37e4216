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
 * store {@code object-storage} it may read the persons' files from, with the staging bucket {@code dsar-exports} the
 * deletion agents copy the files of store {@code twilio} to.
 */
public class ObjectStorageResource implements QuarkusTestResourceLifecycleManager {

    static final String STORE = "object-storage";
    static final String BUCKET = "recordings";
    static final String STAGING = "dsar-exports";

    private static S3CompatibleServer server;

    @Override
    public Map<String, String> start() {
        server = new S3CompatibleServer(BUCKET, STAGING);
        String prefix = "mesh.dsar.bundle.object-stores." + STORE + ".";
        return Map.of(
                prefix + "base-url",
                server.endpoint(),
                prefix + "username",
                "test",
                prefix + "password",
                "test",
                "mesh.dsar.bundle.exports.stores",
                "twilio",
                "mesh.dsar.bundle.exports.store",
                STORE,
                "mesh.dsar.bundle.exports.bucket",
                STAGING);
    }

    /** Writes a file where an agent was told to (an s3:// address). */
    static void putAt(String address, byte[] content) {
        S3Objects.Address object = S3Objects.Address.parse(address);
        try (S3Client s3 = client()) {
            s3.putObject(b -> b.bucket(object.bucket()).key(object.key()), RequestBody.fromBytes(content));
        }
    }

    static boolean exists(String address) {
        S3Objects.Address object = S3Objects.Address.parse(address);
        try (S3Client s3 = client()) {
            return !s3.listObjectsV2(b -> b.bucket(object.bucket()).prefix(object.key()))
                    .contents()
                    .isEmpty();
        }
    }

    private static S3Client client() {
        return S3Objects.client(server.endpoint(), "us-east-1", "test", "test", Duration.ofSeconds(10));
    }

    /** Stores a file as the tenant's recorder would; returns its address. */
    static String put(String key, byte[] content) {
        try (S3Client s3 = client()) {
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
