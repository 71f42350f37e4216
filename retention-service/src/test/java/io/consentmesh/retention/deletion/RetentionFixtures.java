package io.consentmesh.retention.deletion;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.billing.BankAccountLinked;
import io.consentmesh.contracts.billing.BankAccountUnlinked;
import io.consentmesh.contracts.billing.BankVerificationRecord;
import io.consentmesh.contracts.consent.RecordingDisclosureViolated;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.retention.DeletionCommanded;
import io.consentmesh.contracts.retention.DeletionOutcome;
import io.consentmesh.contracts.retention.DeletionReceipted;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.RecordingAvailable;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Events the retention tests send, and a stand-in for a store's deletion agent: it reads commands, sends receipts. */
public final class RetentionFixtures {

    public static final Duration WAIT = Duration.ofSeconds(30);

    private RetentionFixtures() {}

    public static String newTenant() {
        return "ret-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String newCallId() {
        return "CA" + UUID.randomUUID().toString().replace("-", "");
    }

    public static EventEnvelope<RecordingAvailable> recording(
            String tenant, SubjectId subject, String callId, Instant when) {
        Instant at = when.truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // as PostgreSQL keeps it
        String sid = "RE" + UUID.randomUUID().toString().replace("-", "");
        RecordingAvailable data = new RecordingAvailable(
                callId,
                sid,
                Provider.TWILIO,
                "AC-test",
                "https://api.twilio.com/2010-04-01/Accounts/AC-test/Recordings/" + sid,
                at.minusSeconds(120),
                120,
                2,
                at);
        return EventEnvelope.of(
                EventIds.of("twilio", "recording", sid),
                URI.create("/call-ingest/twilio/AC-test"),
                new TenantId(tenant),
                subject,
                at,
                data);
    }

    /** The inventory item a recording event becomes. */
    public static UUID itemOf(EventEnvelope<RecordingAvailable> recording) {
        return io.consentmesh.retention.inventory.StoredItems.recording(recording, recording.data())
                .id();
    }

    static EventEnvelope<RecordingDisclosureViolated> violation(String tenant, SubjectId subject, String callId) {
        Instant now = Instant.now();
        RecordingDisclosureViolated data = new RecordingDisclosureViolated(
                callId,
                "RECORDING_BEFORE_DISCLOSURE",
                List.of("recording started before the disclosure ended"),
                List.of("REC-01"),
                List.of(),
                now.minusSeconds(60),
                null,
                List.of("CA"),
                List.of("CA"),
                "2026-11",
                UUID.randomUUID().toString(),
                now);
        return EventEnvelope.of(
                EventIds.of("consent-service", "violation", callId),
                URI.create("/consent-service/disclosure"),
                new TenantId(tenant),
                subject,
                now,
                data);
    }

    static EventEnvelope<BankAccountLinked> linked(String tenant, SubjectId subject, String plaidItem, Instant at) {
        return EventEnvelope.of(
                EventIds.of("billing", "linked", plaidItem),
                URI.create("/billing/test"),
                new TenantId(tenant),
                subject,
                at,
                new BankAccountLinked("cus_" + plaidItem, new BankVerificationRecord("plaid", plaidItem), at));
    }

    static EventEnvelope<BankAccountUnlinked> unlinked(String tenant, SubjectId subject, String plaidItem, Instant at) {
        return EventEnvelope.of(
                EventIds.of("billing", "unlinked", plaidItem),
                URI.create("/billing/test"),
                new TenantId(tenant),
                subject,
                at,
                new BankAccountUnlinked("cus_" + plaidItem, new BankVerificationRecord("plaid", plaidItem), at));
    }

    /** The commands sent for one item so far, oldest first (at least {@code count}, waiting for them). */
    public static List<EventEnvelope<DeletionCommanded>> commandsFor(KafkaTestClient kafka, UUID item, int count) {
        return kafka.await(Topics.RETENTION_DELETION_COMMAND, r -> r.key().endsWith("/" + item), count, WAIT).stream()
                .map(RetentionFixtures::command)
                .toList();
    }

    /** The commands sent for one item so far, without waiting. */
    static List<EventEnvelope<DeletionCommanded>> commandsSoFar(KafkaTestClient kafka, UUID item) {
        return kafka.readAll(Topics.RETENTION_DELETION_COMMAND).stream()
                .filter(r -> r.key().endsWith("/" + item))
                .map(RetentionFixtures::command)
                .toList();
    }

    static EventEnvelope<DeletionCommanded> command(ConsumerRecord<String, String> record) {
        return EventCodec.decode(record.value(), DeletionCommanded.class);
    }

    /** What the store's agent answers, keyed like the command. */
    public static void answer(
            KafkaTestClient kafka, EventEnvelope<DeletionCommanded> command, DeletionOutcome outcome, String detail) {
        send(
                kafka,
                receipt(
                        command,
                        outcome,
                        detail,
                        command.data().commandId(),
                        command.data().store()));
    }

    static void send(KafkaTestClient kafka, EventEnvelope<DeletionReceipted> receipt) {
        kafka.send(
                Topics.RETENTION_DELETION_RECEIPT,
                receipt.data().store() + "/" + receipt.data().itemId(),
                EventCodec.encode(receipt));
    }

    static EventEnvelope<DeletionReceipted> receipt(
            EventEnvelope<DeletionCommanded> command,
            DeletionOutcome outcome,
            String detail,
            String commandId,
            String store) {
        DeletionReceipted data = new DeletionReceipted(
                commandId,
                command.data().itemId(),
                store,
                command.data().action(),
                outcome,
                detail,
                null,
                "test-agent",
                Instant.now());
        return EventEnvelope.of(
                EventIds.of(
                        "test-agent",
                        "receipt",
                        commandId,
                        outcome.name(),
                        UUID.randomUUID().toString()),
                URI.create("/deletion-agent/test"),
                command.tenantId(),
                command.subjectId(),
                data.completedAt(),
                data);
    }
}
