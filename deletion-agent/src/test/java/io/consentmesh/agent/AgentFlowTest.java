package io.consentmesh.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.retention.DeletionAction;
import io.consentmesh.contracts.retention.DeletionCommanded;
import io.consentmesh.contracts.retention.DeletionOutcome;
import io.consentmesh.contracts.retention.DeletionReason;
import io.consentmesh.contracts.retention.DeletionReceipted;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The agent through the real broker: commands from retention's topic carried out at a store that answers as Twilio
 * and Plaid do, each answered with a receipt; a command repeated (a lost receipt, a restart) is answered ALREADY_GONE;
 * another store's command is left alone; an unreadable command is dead-lettered.
 */
@QuarkusTest
@MeshTest
@QuarkusTestResource(FakeProvidersResource.class)
class AgentFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aRecordingIsDeletedAtItsProviderAndAnsweredOnceDeletedThenAlreadyGone() {
        String recording = "Accounts/" + FakeProviders.TWILIO_SID + "/Recordings/RE" + hex();
        FakeProvidersResource.providers.existing.add(recording);
        EventEnvelope<DeletionCommanded> command = command("twilio", recording, DeletionAction.DELETE);
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            send(kafka, command);
            DeletionReceipted first = receiptsFor(kafka, command, 1).get(0);
            assertThat(first.outcome()).isEqualTo(DeletionOutcome.DELETED);
            assertThat(first.agent()).isEqualTo("test");
            assertThat(first.commandId()).isEqualTo(command.data().commandId());
            assertThat(FakeProvidersResource.providers.existing).doesNotContain(recording);

            send(kafka, command); // delivered again
            assertThat(receiptsFor(kafka, command, 2).get(1).outcome()).isEqualTo(DeletionOutcome.ALREADY_GONE);
        }
    }

    @Test
    void aBankVerificationRecordIsRemovedThroughPlaidAndAQuarantineAtAProviderDeletes() {
        FakeProvidersResource.providers.plaidTokens.add("access-sandbox-ada");
        String recording = "Accounts/" + FakeProviders.TWILIO_SID + "/Recordings/RE" + hex();
        FakeProvidersResource.providers.existing.add(recording);
        EventEnvelope<DeletionCommanded> unlink = command("plaid", "item-of-ada", DeletionAction.DELETE);
        EventEnvelope<DeletionCommanded> quarantine = command("twilio", recording, DeletionAction.QUARANTINE);
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            send(kafka, unlink);
            send(kafka, quarantine);
            assertThat(receiptsFor(kafka, unlink, 1).get(0).outcome()).isEqualTo(DeletionOutcome.DELETED);
            DeletionReceipted quarantined = receiptsFor(kafka, quarantine, 1).get(0);
            assertThat(quarantined.action()).isEqualTo(DeletionAction.QUARANTINE);
            assertThat(quarantined.outcome())
                    .as("a provider cannot quarantine: deleted, stricter than asked")
                    .isEqualTo(DeletionOutcome.DELETED);
        }
    }

    @Test
    void anotherStoresCommandIsLeftAloneAndAnUnreadableOneIsDeadLettered() {
        EventEnvelope<DeletionCommanded> elsewhere = command("tenant-systems", "crm/export-1", DeletionAction.DELETE);
        String recording = "Accounts/" + FakeProviders.TWILIO_SID + "/Recordings/RE" + hex();
        EventEnvelope<DeletionCommanded> mine = command("twilio", recording, DeletionAction.DELETE);
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            send(kafka, elsewhere);
            kafka.send(Topics.RETENTION_DELETION_COMMAND, "twilio/poison", "{\"specversion\":\"1.0\"}");
            send(kafka, mine);
            assertThat(receiptsFor(kafka, mine, 1).get(0).outcome()).isEqualTo(DeletionOutcome.ALREADY_GONE);
            var dead = kafka.await(Topics.RETENTION_DEAD_LETTER, r -> "twilio/poison".equals(r.key()), 1, WAIT);
            assertThat(KafkaTestClient.header(dead.get(0), "dead-letter-reason"))
                    .isNotBlank();
            await("every command consumed").atMost(WAIT).until(() -> kafka.lagOfActiveGroups() == 0);
            assertThat(receipts(kafka, elsewhere)).as("not this agent's store").isEmpty();
        }
    }

    @Test
    void aRecordingInObjectStorageIsDeletedFromTheBucket() {
        String key = "acme/RE" + hex() + ".wav";
        try (S3Client s3 = s3()) {
            s3.putObject(b -> b.bucket("recordings").key(key), RequestBody.fromString("RIFF fake audio"));
            EventEnvelope<DeletionCommanded> command =
                    command("object-storage", "s3://recordings/" + key, DeletionAction.DELETE);
            try (KafkaTestClient kafka = KafkaTestClient.connect()) {
                send(kafka, command);
                assertThat(receiptsFor(kafka, command, 1).get(0).outcome()).isEqualTo(DeletionOutcome.DELETED);
            }
            assertThat(s3.listObjectsV2(b -> b.bucket("recordings").prefix(key)).contents())
                    .as("gone from the bucket")
                    .isEmpty();
        }
    }

    private static S3Client s3() {
        return S3Client.builder()
                .endpointOverride(URI.create(FakeProvidersResource.objectStorage.endpoint()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static EventEnvelope<DeletionCommanded> command(String store, String address, DeletionAction action) {
        DeletionCommanded data = new DeletionCommanded(
                EventIds.of("test", "command", UUID.randomUUID().toString()),
                UUID.randomUUID().toString(),
                action,
                DeletionReason.RETENTION_PERIOD_ENDED,
                "RECORDING",
                store,
                address,
                1,
                Instant.now(),
                Instant.now());
        return EventEnvelope.of(
                EventIds.of("retention-service", "command", data.commandId()),
                URI.create("/retention-service/deletions"),
                new TenantId("acme"),
                null,
                data.issuedAt(),
                data);
    }

    private static void send(KafkaTestClient kafka, EventEnvelope<DeletionCommanded> command) {
        kafka.send(Topics.RETENTION_DELETION_COMMAND, command.data().key(), EventCodec.encode(command));
    }

    private static List<DeletionReceipted> receiptsFor(
            KafkaTestClient kafka, EventEnvelope<DeletionCommanded> command, int count) {
        return kafka
                .await(
                        Topics.RETENTION_DELETION_RECEIPT,
                        r -> r.key().equals(command.data().key()),
                        count,
                        WAIT)
                .stream()
                .map(r -> EventCodec.decode(r.value(), DeletionReceipted.class).data())
                .toList();
    }

    private static List<DeletionReceipted> receipts(KafkaTestClient kafka, EventEnvelope<DeletionCommanded> command) {
        return kafka.readAll(Topics.RETENTION_DELETION_RECEIPT).stream()
                .filter(r -> r.key().equals(command.data().key()))
                .map(r -> EventCodec.decode(r.value(), DeletionReceipted.class).data())
                .toList();
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
