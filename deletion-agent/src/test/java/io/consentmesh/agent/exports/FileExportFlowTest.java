package io.consentmesh.agent.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentmesh.agent.FakeProviders;
import io.consentmesh.agent.FakeProvidersResource;
import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.dsar.FileExportCommanded;
import io.consentmesh.contracts.dsar.FileExportOutcome;
import io.consentmesh.contracts.dsar.FileExported;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * File exports through the real broker: dsar-service's command for a person's recording, the file read through the
 * store's adapter (a provider's API, object storage) and written to the staging bucket, answered with its size and
 * SHA-256 on the task results; a command delivered twice is answered the same way twice (dsar-service applies one);
 * what cannot be copied is answered with why; another agent's store is left alone; an unreadable command is
 * dead-lettered.
 */
@QuarkusTest
@MeshTest
@QuarkusTestResource(FakeProvidersResource.class)
class FileExportFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aProvidersRecordingAndAnObjectAreCopiedToTheStagingBucketWithTheirHashes() throws Exception {
        String recording = "Accounts/" + FakeProviders.TWILIO_SID + "/Recordings/RE" + hex();
        byte[] audio = "RIFF the person's call".getBytes(StandardCharsets.UTF_8);
        FakeProvidersResource.providers().existing.add(recording);
        FakeProvidersResource.providers().media.put(recording, audio);
        String key = "acme/RE" + hex() + ".wav";
        byte[] object = "RIFF kept in object storage".getBytes(StandardCharsets.UTF_8);
        try (S3Client s3 = FakeProvidersResource.s3()) {
            s3.putObject(b -> b.bucket("recordings").key(key), RequestBody.fromBytes(object));
        }
        EventEnvelope<FileExportCommanded> fromTwilio = command("twilio", recording, "dsar-exports");
        EventEnvelope<FileExportCommanded> fromBucket =
                command("object-storage", "s3://recordings/" + key, "dsar-exports");
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            send(kafka, fromTwilio);
            send(kafka, fromBucket);
            FileExported twilio = answersFor(kafka, fromTwilio, 1).get(0).data();
            assertThat(twilio.outcome()).isEqualTo(FileExportOutcome.EXPORTED);
            assertThat(twilio.target()).isEqualTo(fromTwilio.data().target());
            assertThat(twilio.bytes()).isEqualTo(audio.length);
            assertThat(twilio.sha256()).isEqualTo(sha256(audio));
            assertThat(twilio.agent()).isEqualTo("test");
            assertThat(staged(fromTwilio)).isEqualTo(audio);
            assertThat(FakeProvidersResource.providers().existing)
                    .as("a copy never changes the store")
                    .contains(recording);
            FileExported bucket = answersFor(kafka, fromBucket, 1).get(0).data();
            assertThat(bucket.sha256()).isEqualTo(sha256(object));
            assertThat(staged(fromBucket)).isEqualTo(object);

            send(kafka, fromTwilio); // delivered again: the same answer, under the same event id
            List<EventEnvelope<FileExported>> both = answersFor(kafka, fromTwilio, 2);
            assertThat(both.get(1).id()).isEqualTo(both.get(0).id());
            assertThat(both.get(1).data().sha256()).isEqualTo(twilio.sha256());
        }
    }

    @Test
    void whatCannotBeCopiedIsAnsweredWithWhyAndOnlyThisAgentsStoresAreAnswered() {
        EventEnvelope<FileExportCommanded> gone =
                command("twilio", "Accounts/" + FakeProviders.TWILIO_SID + "/Recordings/RE" + hex(), "dsar-exports");
        EventEnvelope<FileExportCommanded> bank = command("plaid", "item-of-ada", "dsar-exports");
        EventEnvelope<FileExportCommanded> elsewhere = command("twilio", "Accounts/AC1/Recordings/RE2", "other-bucket");
        EventEnvelope<FileExportCommanded> notMine = command("tenant-systems", "crm/export-1", "dsar-exports");
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            send(kafka, gone);
            send(kafka, bank);
            send(kafka, elsewhere);
            send(kafka, notMine);
            kafka.send(Topics.DSAR_FILE_EXPORT, "twilio/poison", "{\"specversion\":\"1.0\"}");
            assertThat(answersFor(kafka, gone, 1).get(0).data())
                    .extracting(FileExported::outcome, FileExported::detail)
                    .containsExactly(FileExportOutcome.NOT_FOUND, "HTTP 404 from twilio");
            assertThat(answersFor(kafka, bank, 1).get(0).data().outcome()).isEqualTo(FileExportOutcome.NOT_A_FILE);
            assertThat(answersFor(kafka, elsewhere, 1).get(0).data())
                    .extracting(FileExported::outcome, FileExported::detail)
                    .containsExactly(FileExportOutcome.FAILED, "the target is not this agent's export bucket");
            var dead = kafka.await(Topics.DSAR_DEAD_LETTER, r -> "twilio/poison".equals(r.key()), 1, WAIT);
            assertThat(KafkaTestClient.header(dead.get(0), "dead-letter-reason"))
                    .isNotBlank();
            await("every export consumed").atMost(WAIT).until(() -> kafka.lagOfActiveGroups() == 0);
            assertThat(kafka.readAll(Topics.DSAR_TASK_RESULT).stream()
                            .filter(r -> r.value().contains(notMine.data().exportId())))
                    .as("not this agent's store")
                    .isEmpty();
        }
    }

    private static byte[] staged(EventEnvelope<FileExportCommanded> command) {
        String key = command.data().target().substring("s3://dsar-exports/".length());
        try (S3Client s3 = FakeProvidersResource.s3()) {
            return s3.getObjectAsBytes(b -> b.bucket("dsar-exports").key(key)).asByteArray();
        }
    }

    private static EventEnvelope<FileExportCommanded> command(String store, String address, String bucket) {
        String requestId = UUID.randomUUID().toString();
        String itemId = UUID.randomUUID().toString();
        FileExportCommanded data = new FileExportCommanded(
                UUID.randomUUID().toString(),
                requestId,
                itemId,
                "RECORDING",
                store,
                address,
                "s3://" + bucket + "/tenants/acme/requests/" + requestId + "/" + itemId,
                1_000_000,
                Instant.now());
        return EventEnvelope.of(
                EventIds.of("dsar-service", "file-export", data.exportId()),
                URI.create("/dsar-service/bundles"),
                new TenantId("acme"),
                null,
                data.issuedAt(),
                data);
    }

    private static void send(KafkaTestClient kafka, EventEnvelope<FileExportCommanded> command) {
        kafka.send(Topics.DSAR_FILE_EXPORT, command.data().key(), EventCodec.encode(command));
    }

    private static List<EventEnvelope<FileExported>> answersFor(
            KafkaTestClient kafka, EventEnvelope<FileExportCommanded> command, int count) {
        return kafka
                .await(
                        Topics.DSAR_TASK_RESULT,
                        (ConsumerRecord<String, String> r) ->
                                r.value().contains(command.data().exportId()),
                        count,
                        WAIT)
                .stream()
                .map(r -> EventCodec.decode(r.value(), FileExported.class))
                .toList();
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
