package io.consentmesh.consent.retention;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.consentmesh.contracts.retention.MeshStores;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.TranscriptAvailable;
import io.consentmesh.privacy.seal.PersonalData;
import io.consentmesh.privacy.seal.PersonalEvents;
import io.consentmesh.privacy.seal.Sealer;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * consent-service answering retention-service for its own store through the real broker and database: a transcript
 * sealed under its call's key stops opening once the item is deleted; the same command again, or a later attempt,
 * is answered ALREADY_GONE; a command for another store gets no answer from here; an unreadable one is dead-lettered.
 */
@QuarkusTest
@MeshTest
class CallKeyStoreTest {

    private static final Duration AT_MOST = Duration.ofSeconds(30);
    private static final TenantId ACME = new TenantId("acme");

    @Inject
    PersonalData personalData;

    @Test
    void deletingACallsDataKeyLeavesItsTranscriptsUnreadableAndAnswersEachCommandOnce() {
        String callId = "CA" + UUID.randomUUID().toString().replace("-", "");
        EventEnvelope<?> transcript =
                sealedTranscript(callId, "yes you may record this call, my card is [REDACTED:PAN]");
        assertThat(opened(transcript)).as("readable before").isPresent();

        DeletionCommanded first = command(callId, MeshStores.callDataKey(ACME.value(), callId), 1);
        send(first);
        DeletionReceipted answer = awaitReceipt(first.commandId());
        assertThat(answer.outcome()).isEqualTo(DeletionOutcome.DELETED);
        assertThat(answer.store()).isEqualTo(MeshStores.CONSENT_SERVICE);
        assertThat(answer.detail()).contains("destroyed");
        assertThat(opened(transcript))
                .as("the copy on the topic can no longer be opened")
                .isEmpty();

        // redelivered, and a later attempt after a lost receipt: no second effect, each answered as already gone
        send(first);
        DeletionCommanded retry = command(callId, MeshStores.callDataKey(ACME.value(), callId), 2);
        send(retry);
        assertThat(awaitReceipt(retry.commandId()).outcome()).isEqualTo(DeletionOutcome.ALREADY_GONE);
        List<DeletionReceipted> toFirst = awaitReceipts(first.commandId(), 2);
        assertThat(toFirst)
                .extracting(DeletionReceipted::outcome)
                .containsExactly(DeletionOutcome.DELETED, DeletionOutcome.ALREADY_GONE);
    }

    @Test
    void anAddressOfNoCallIsAFailedReceiptAnotherStoresCommandIsLeftAndAnUnreadableOneIsDeadLettered() {
        String callId = "CA" + UUID.randomUUID().toString().replace("-", "");
        DeletionCommanded wrongAddress = command(callId, "recordings/" + callId, 1);
        DeletionCommanded othersCommand = new DeletionCommanded(
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                DeletionAction.DELETE,
                DeletionReason.RETENTION_PERIOD_ENDED,
                "RECORDING",
                "twilio",
                "Accounts/AC1/Recordings/RE" + callId,
                1,
                Instant.now(),
                Instant.now());
        // all three on one partition, in this order: the answer to the last shows the first two were read
        String key = wrongAddress.key();
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(Topics.RETENTION_DELETION_COMMAND, key, encode(othersCommand));
            kafka.send(Topics.RETENTION_DELETION_COMMAND, key, "{\"not\":\"a command\"}");
            kafka.send(Topics.RETENTION_DELETION_COMMAND, key, encode(wrongAddress));
        }

        DeletionReceipted failed = awaitReceipt(wrongAddress.commandId());
        assertThat(failed.outcome()).isEqualTo(DeletionOutcome.FAILED);
        assertThat(failed.detail()).contains("not an address of this store");
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            ConsumerRecord<String, String> deadLetter = kafka.await(
                            Topics.CONSENT_DEAD_LETTER, record -> key.equals(record.key()), 1, AT_MOST)
                    .get(0);
            assertThat(KafkaTestClient.header(deadLetter, "dead-letter-reason")).isNotBlank();
            // the other store's command came before the one answered here: had it been taken, its receipt would be in
            assertThat(receiptsTo(kafka, othersCommand.commandId())).isEmpty();
        }
    }

    private EventEnvelope<?> sealedTranscript(String callId, String text) {
        EventEnvelope<TranscriptAvailable> clear = EventEnvelope.of(
                EventIds.of("test-transcript", callId),
                URI.create("/call-ingest/test"),
                ACME,
                null, // the call's person is not known yet: sealed under the call's own key
                Instant.now(),
                new TranscriptAvailable(
                        callId, Provider.TELNYX, "acct-1", "TR-" + callId, null, null, null, text, 1, Instant.now()));
        Sealer sealer = personalData
                .sealer(List.of(PersonalEvents.subjectOf(clear)))
                .await()
                .atMost(AT_MOST);
        return PersonalEvents.seal(clear, sealer);
    }

    private Optional<? extends EventEnvelope<?>> opened(EventEnvelope<?> sealed) {
        // decoded afresh, as a reader of the topic would; a reader with no key of the call reads it as erased
        EventEnvelope<?> read = EventCodec.decode(EventCodec.encode(sealed));
        return PersonalEvents.open(
                read,
                PersonalEvents.openerFor(personalData, List.of(read)).await().atMost(AT_MOST));
    }

    private static DeletionCommanded command(String callId, String address, int attempt) {
        return new DeletionCommanded(
                UUID.randomUUID().toString(),
                UUID.nameUUIDFromBytes(("call-data-key:" + callId).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString(),
                DeletionAction.DELETE,
                DeletionReason.RETENTION_PERIOD_ENDED,
                "TRANSCRIPT",
                MeshStores.CONSENT_SERVICE,
                address,
                attempt,
                Instant.now(),
                Instant.now());
    }

    private static String encode(DeletionCommanded command) {
        return EventCodec.encode(EventEnvelope.of(
                EventIds.of("test-command", command.commandId()),
                URI.create("/retention-service/test"),
                ACME,
                null,
                command.issuedAt(),
                command));
    }

    private static void send(DeletionCommanded command) {
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(Topics.RETENTION_DELETION_COMMAND, command.key(), encode(command));
        }
    }

    private static DeletionReceipted awaitReceipt(String commandId) {
        return awaitReceipts(commandId, 1).get(0);
    }

    private static List<DeletionReceipted> awaitReceipts(String commandId, int count) {
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            return kafka
                    .await(
                            Topics.RETENTION_DELETION_RECEIPT,
                            record -> record.value().contains(commandId),
                            count,
                            AT_MOST)
                    .stream()
                    .map(record -> EventCodec.decode(record.value(), DeletionReceipted.class)
                            .data())
                    .filter(receipt -> receipt.commandId().equals(commandId))
                    .toList();
        }
    }

    private static List<ConsumerRecord<String, String>> receiptsTo(KafkaTestClient kafka, String commandId) {
        return kafka.readAll(Topics.RETENTION_DELETION_RECEIPT).stream()
                .filter(record -> record.value().contains(commandId))
                .toList();
    }
}
