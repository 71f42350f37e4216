package io.consentmesh.agent.stores;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.contracts.dsar.FileExportOutcome;
import io.consentmesh.contracts.retention.DeletionAction;
import io.consentmesh.contracts.retention.DeletionCommanded;
import io.consentmesh.contracts.retention.DeletionOutcome;
import io.consentmesh.contracts.retention.DeletionReason;
import io.consentmesh.messaging.deletion.Store;
import io.consentmesh.messaging.deletion.StoreAnswer;
import io.consentmesh.testkit.infra.S3CompatibleServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The object-storage store against a real S3-compatible server (S3Compatible Server: Adobe S3Mock, run locally). */
class S3StoreTest {

    private static S3CompatibleServer server;
    private static S3Client s3;
    private static ExecutorService workers;

    @BeforeAll
    static void start() {
        server = new S3CompatibleServer("recordings", "quarantine");
        s3 = S3Client.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        workers = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        workers.shutdownNow();
        s3.close();
        server.close();
    }

    @Test
    void aRecordingIsDeletedFromItsBucketOnceThenIsAlreadyGone() throws Exception {
        String key = put("acme/RE" + UUID.randomUUID() + ".wav");
        Store store = store(Optional.empty());

        assertThat(answer(store, "s3://recordings/" + key, DeletionAction.DELETE)
                        .outcome())
                .isEqualTo(DeletionOutcome.DELETED);
        assertThat(stored("recordings", key)).isFalse();
        assertThat(answer(store, "s3://recordings/" + key, DeletionAction.DELETE)
                        .outcome())
                .isEqualTo(DeletionOutcome.ALREADY_GONE);
    }

    @Test
    void aQuarantineMovesTheObjectOutOfReachAndTheDeletionRemovesTheQuarantinedCopy() throws Exception {
        String key = put("acme/RE" + UUID.randomUUID() + ".wav");
        Store store = store(Optional.of("quarantine"));

        assertThat(answer(store, "s3://recordings/" + key, DeletionAction.QUARANTINE)
                        .outcome())
                .isEqualTo(DeletionOutcome.QUARANTINED);
        assertThat(stored("recordings", key)).as("out of its readers' reach").isFalse();
        assertThat(stored("quarantine", "recordings/" + key)).isTrue();
        assertThat(answer(store, "s3://recordings/" + key, DeletionAction.QUARANTINE)
                        .outcome())
                .as("again: still quarantined")
                .isEqualTo(DeletionOutcome.QUARANTINED);

        assertThat(answer(store, "s3://recordings/" + key, DeletionAction.DELETE)
                        .outcome())
                .isEqualTo(DeletionOutcome.DELETED);
        assertThat(stored("quarantine", "recordings/" + key)).isFalse();
    }

    @Test
    void aBadAddressOrAMissingBucketIsFailedNotThrown() throws Exception {
        Store store = store(Optional.empty());
        assertThat(answer(store, "https://recordings/x", DeletionAction.DELETE).detail())
                .isEqualTo("the address is not s3://bucket/key in object-storage");
        assertThat(answer(store, "s3://no-such-bucket/x", DeletionAction.DELETE).outcome())
                .isIn(DeletionOutcome.ALREADY_GONE, DeletionOutcome.FAILED);
    }

    @Test
    void anObjectIsReadIntoAFileAndAMissingOrTooLargeOneIsSaidSo() throws Exception {
        String key = put("acme/RE" + UUID.randomUUID() + ".wav");
        S3Store store = (S3Store) store(Optional.empty());
        Path into = Files.createTempFile("s3-fetch-", ".part");
        into.toFile().deleteOnExit();

        var fetched = store.fetch("s3://recordings/" + key, 1_000, into)
                .toCompletableFuture()
                .get();
        assertThat(fetched.outcome()).isEqualTo(FileExportOutcome.EXPORTED);
        assertThat(Files.readString(fetched.file())).isEqualTo("RIFF fake audio");
        assertThat(store.fetch("s3://recordings/" + key, 3, into)
                        .toCompletableFuture()
                        .get()
                        .outcome())
                .isEqualTo(FileExportOutcome.TOO_LARGE);
        assertThat(store.fetch("s3://recordings/nothing-here", 1_000, into)
                        .toCompletableFuture()
                        .get()
                        .outcome())
                .isEqualTo(FileExportOutcome.NOT_FOUND);
    }

    private static Store store(Optional<String> quarantine) {
        return new S3Store(
                "object-storage",
                new TestStoreConfig(
                        "s3",
                        server.endpoint(),
                        Optional.of("test"),
                        Optional.of("test"),
                        Map.of(),
                        "us-east-1",
                        quarantine,
                        Optional.empty()),
                Duration.ofSeconds(5),
                workers);
    }

    private static String put(String key) {
        s3.putObject(b -> b.bucket("recordings").key(key), RequestBody.fromString("RIFF fake audio"));
        return key;
    }

    private static boolean stored(String bucket, String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static StoreAnswer answer(Store store, String address, DeletionAction action) throws Exception {
        DeletionCommanded command = new DeletionCommanded(
                "cmd-" + UUID.randomUUID(),
                UUID.randomUUID().toString(),
                action,
                DeletionReason.RETENTION_PERIOD_ENDED,
                "RECORDING",
                "object-storage",
                address,
                1,
                Instant.now(),
                Instant.now());
        return (action == DeletionAction.QUARANTINE ? store.quarantine(command) : store.delete(command))
                .toCompletableFuture()
                .get();
    }
}
