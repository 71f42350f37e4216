package io.consentmesh.storage;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** S3-compatible object storage: a client for one endpoint, and the addresses of objects in it. */
public final class S3Objects {

    private static final String SCHEME = "s3://";

    /** An object's place: bucket and key, from {@code s3://bucket/key}. */
    public record Address(String bucket, String key) {

        /** @return the address, or null when {@code address} is not {@code s3://bucket/key} */
        public static Address parse(String address) {
            if (address == null || !address.startsWith(SCHEME)) {
                return null;
            }
            int slash = address.indexOf('/', SCHEME.length());
            if (slash < 0 || slash == address.length() - 1 || slash == SCHEME.length()) {
                return null;
            }
            return new Address(address.substring(SCHEME.length(), slash), address.substring(slash + 1));
        }

        /** The last part of the key: a file name for the object. */
        public String fileName() {
            return key.substring(key.lastIndexOf('/') + 1);
        }
    }

    private S3Objects() {}

    /**
     * A client of the endpoint (path-style addressing, which every S3-compatible server speaks), timing out connects
     * and reads after {@code timeout}. Calls block: make them on a worker thread, never on an event loop.
     */
    public static S3Client client(
            String endpoint, String region, String accessKeyId, String secretAccessKey, Duration timeout) {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(region))
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(timeout)
                        .socketTimeout(timeout)
                        .build())
                .build();
    }
}
