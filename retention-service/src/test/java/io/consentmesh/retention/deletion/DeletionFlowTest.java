package io.consentmesh.retention.deletion;

import static io.consentmesh.retention.deletion.RetentionFixtures.WAIT;
import static io.consentmesh.retention.deletion.RetentionFixtures.answer;
import static io.consentmesh.retention.deletion.RetentionFixtures.commandsFor;
import static io.consentmesh.retention.deletion.RetentionFixtures.commandsSoFar;
import static io.consentmesh.retention.deletion.RetentionFixtures.itemOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.retention.DeletionAction;
import io.consentmesh.contracts.retention.DeletionCommanded;
import io.consentmesh.contracts.retention.DeletionOutcome;
import io.consentmesh.contracts.retention.DeletionOverdue;
import io.consentmesh.contracts.retention.DeletionReason;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.RecordingAvailable;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.consentmesh.testkit.security.MeshCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deletion end to end through the real broker and PostgreSQL, with this test as the store's deletion agent: it reads
 * the commands retention-service publishes and answers with receipts.
 */
@QuarkusTest
@MeshTest
class DeletionFlowTest {

    @Inject
    SubjectKeys keys;

    private KafkaTestClient kafka;
    private String tenant;
    private SubjectId person;

    @BeforeEach
    void connect() {
        kafka = KafkaTestClient.connect();
        tenant = RetentionFixtures.newTenant();
        person = keys.subjectOf(new TenantId(tenant), TestNumbers.randomUs());
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aRecordingPastNinetyDaysIsCommandedAwayAndSettledOnceByItsReceipt() {
        String call = RetentionFixtures.newCallId();
        EventEnvelope<RecordingAvailable> recording =
                RetentionFixtures.recording(tenant, person, call, Instant.now().minus(100, ChronoUnit.DAYS));
        UUID item = itemOf(recording);
        kafka.send(recording);
        kafka.send(recording); // redelivered: one item, one command

        EventEnvelope<DeletionCommanded> command = commandsFor(kafka, item, 1).get(0);
        assertThat(command.data().action()).isEqualTo(DeletionAction.DELETE);
        assertThat(command.data().reason()).isEqualTo(DeletionReason.RETENTION_PERIOD_ENDED);
        assertThat(command.data().category()).isEqualTo("RECORDING");
        assertThat(command.data().store()).isEqualTo("twilio");
        assertThat(command.data().address())
                .isEqualTo("Accounts/AC-test/Recordings/" + recording.data().recordingId());
        assertThat(command.data().attempt()).isEqualTo(1);
        assertThat(command.data().dueAt())
                .isEqualTo(recording.data().availableAt().plus(90, ChronoUnit.DAYS));
        assertThat(command.tenantId().value()).isEqualTo(tenant);

        answer(kafka, command, DeletionOutcome.DELETED, null);
        await("the item settled").atMost(WAIT).untilAsserted(() -> item(item).body("status", equalTo("DELETED")));
        String settledAt = item(item).extract().path("settledAt");

        answer(kafka, command, DeletionOutcome.DELETED, null); // the agent's duplicate
        await("the duplicate consumed").atMost(WAIT).until(() -> kafka.lagOfActiveGroups() == 0);
        item(item).body("settledAt", equalTo(settledAt)).body("status", equalTo("DELETED"));
        assertThat(commandsSoFar(kafka, item))
                .as("one command: the item was settled")
                .hasSize(1);
    }

    @Test
    void aHeldRecordingIsNotDeletedAndIsDeletedRightAfterTheRelease() {
        String call = RetentionFixtures.newCallId();
        String hold = given().spec(MeshCredentials.as(tenant, MeshCredentials.PRIVACY_OPS))
                .contentType(ContentType.JSON)
                .body(Map.of("tenantId", tenant, "callId", call, "reason", "litigation", "matterId", "M-2026-17"))
                .post("/v1/retention/holds")
                .then()
                .statusCode(201)
                .body("callId", equalTo(call))
                .extract()
                .path("id");
        EventEnvelope<RecordingAvailable> recording =
                RetentionFixtures.recording(tenant, person, call, Instant.now().minus(100, ChronoUnit.DAYS));
        UUID item = itemOf(recording);
        kafka.send(recording);

        await("the due item set aside by the hold").atMost(WAIT).untilAsserted(() -> item(item)
                .body("heldSince", notNullValue()));
        assertThat(commandsSoFar(kafka, item)).as("no command while held").isEmpty();

        given().spec(MeshCredentials.as(tenant, MeshCredentials.PRIVACY_OPS))
                .contentType(ContentType.JSON)
                .body(Map.of("note", "matter settled"))
                .post("/v1/retention/holds/{id}/release", hold)
                .then()
                .statusCode(200)
                .body("releasedAt", notNullValue())
                .body("releaseNote", equalTo("matter settled"));

        EventEnvelope<DeletionCommanded> command = commandsFor(kafka, item, 1).get(0);
        answer(kafka, command, DeletionOutcome.DELETED, null);
        await("deleted after the release").atMost(WAIT).untilAsserted(() -> item(item)
                .body("status", equalTo("DELETED")));
    }

    @Test
    void aDisclosureViolationQuarantinesTheRecordingAndThenDeletesIt() {
        String call = RetentionFixtures.newCallId();
        EventEnvelope<RecordingAvailable> recording = RetentionFixtures.recording(tenant, person, call, Instant.now());
        UUID item = itemOf(recording);
        kafka.send(recording);
        await("inventoried, due in 90 days").atMost(WAIT).untilAsserted(() -> item(item)
                .body("status", equalTo("RETAINED")));

        kafka.send(RetentionFixtures.violation(tenant, person, call));
        EventEnvelope<DeletionCommanded> quarantine =
                commandsFor(kafka, item, 1).get(0);
        assertThat(quarantine.data().action()).isEqualTo(DeletionAction.QUARANTINE);
        assertThat(quarantine.data().reason()).isEqualTo(DeletionReason.DISCLOSURE_VIOLATION);
        answer(kafka, quarantine, DeletionOutcome.QUARANTINED, null);

        EventEnvelope<DeletionCommanded> deletion = commandsFor(kafka, item, 2).get(1);
        assertThat(deletion.data().action()).isEqualTo(DeletionAction.DELETE);
        assertThat(deletion.data().reason()).isEqualTo(DeletionReason.DISCLOSURE_VIOLATION);
        answer(kafka, deletion, DeletionOutcome.DELETED, null);
        await("quarantined, then deleted").atMost(WAIT).untilAsserted(() -> item(item)
                .body("status", equalTo("DELETED"))
                .body("quarantinedAt", notNullValue()));
    }

    @Test
    void unlinkingABankAccountRemovesItsVerificationRecordThroughItsProvider() {
        String plaidItem = "item-" + UUID.randomUUID();
        Instant linkedAt = Instant.now().minus(400, ChronoUnit.DAYS);
        kafka.send(RetentionFixtures.linked(tenant, person, plaidItem, linkedAt));
        UUID item = UUID.fromString(
                io.consentmesh.contracts.envelope.EventIds.of("retention-item", tenant, "plaid", plaidItem));
        await("inventoried, kept while the relationship lasts").atMost(WAIT).untilAsserted(() -> item(item)
                .body("category", equalTo("BANK_VERIFICATION"))
                .body("dueAt", nullValue()));

        kafka.send(RetentionFixtures.unlinked(tenant, person, plaidItem, Instant.now()));
        EventEnvelope<DeletionCommanded> command = commandsFor(kafka, item, 1).get(0);
        assertThat(command.data().store()).isEqualTo("plaid");
        assertThat(command.data().address()).isEqualTo(plaidItem);
        answer(kafka, command, DeletionOutcome.DELETED, "item/remove request_id m8MDnv9okwxFNBV");
        await("removed").atMost(WAIT).untilAsserted(() -> item(item).body("status", equalTo("DELETED")));
    }

    @Test
    void aStoreThatFailsIsRetriedAndThenEscalated() {
        // a telemetry batch the tenant reports, due now (90 days after it was stored)
        String ref = "batch-" + UUID.randomUUID();
        String item = given().spec(MeshCredentials.as(tenant, MeshCredentials.PRIVACY_OPS))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "tenantId",
                        tenant,
                        "items",
                        List.of(Map.of(
                                "category",
                                "TELEMETRY",
                                "store",
                                "object-storage",
                                "itemRef",
                                ref,
                                "address",
                                "s3://telemetry/" + ref + ".json.gz",
                                "storedAt",
                                Instant.now().minus(90, ChronoUnit.DAYS).toString()))))
                .post("/v1/retention/items")
                .then()
                .statusCode(200)
                .body("inventoried", equalTo(1))
                .extract()
                .path("items[0].id");
        UUID id = UUID.fromString(item);

        EventEnvelope<DeletionCommanded> first = commandsFor(kafka, id, 1).get(0);
        answer(kafka, first, DeletionOutcome.FAILED, "503 Slow Down");
        EventEnvelope<DeletionCommanded> second = commandsFor(kafka, id, 2).get(1);
        assertThat(second.data().attempt()).isEqualTo(2);
        assertThat(second.data().commandId()).isNotEqualTo(first.data().commandId());
        answer(kafka, second, DeletionOutcome.FAILED, "503 Slow Down");

        var escalation = kafka.await(Topics.RETENTION_ESCALATION, r -> r.key().endsWith("/" + id), 1, WAIT);
        DeletionOverdue overdue = EventCodec.decode(escalation.get(0).value(), DeletionOverdue.class)
                .data();
        assertThat(overdue.store()).isEqualTo("object-storage");
        assertThat(overdue.attempts()).isGreaterThanOrEqualTo(2);
        assertThat(overdue.lastOutcome()).isEqualTo("FAILED");
        assertThat(overdue.lastDetail()).isEqualTo("503 Slow Down");
        item(id).body("escalatedAt", notNullValue()).body("status", equalTo("COMMANDED"));
    }

    @Test
    void aCommandWithoutReceiptIsSentAgainAndALateReceiptStillSettles() {
        String call = RetentionFixtures.newCallId();
        EventEnvelope<RecordingAvailable> recording =
                RetentionFixtures.recording(tenant, person, call, Instant.now().minus(95, ChronoUnit.DAYS));
        UUID item = itemOf(recording);
        kafka.send(recording);

        List<EventEnvelope<DeletionCommanded>> commands = commandsFor(kafka, item, 2); // no answer to the first
        assertThat(commands.get(1).data().attempt()).isEqualTo(2);
        answer(kafka, commands.get(0), DeletionOutcome.ALREADY_GONE, "404"); // the first attempt's late receipt
        await("settled by the late receipt").atMost(WAIT).untilAsserted(() -> item(item)
                .body("status", equalTo("ALREADY_GONE")));
    }

    @Test
    void receiptsForUnknownOrContradictingCommandsAreDeadLetteredWithTheirReason() {
        String call = RetentionFixtures.newCallId();
        EventEnvelope<RecordingAvailable> recording =
                RetentionFixtures.recording(tenant, person, call, Instant.now().minus(120, ChronoUnit.DAYS));
        UUID item = itemOf(recording);
        kafka.send(recording);
        EventEnvelope<DeletionCommanded> command = commandsFor(kafka, item, 1).get(0);

        String unknown = "never-sent-" + UUID.randomUUID();
        RetentionFixtures.send(
                kafka, RetentionFixtures.receipt(command, DeletionOutcome.DELETED, null, unknown, "twilio"));
        RetentionFixtures.send(
                kafka,
                RetentionFixtures.receipt(
                        command, DeletionOutcome.DELETED, null, command.data().commandId(), "telnyx"));

        var dead = kafka.await(
                Topics.RETENTION_DEAD_LETTER,
                r -> r.value().contains(unknown) || r.key().equals("telnyx/" + item),
                2,
                WAIT);
        assertThat(dead)
                .extracting(r -> KafkaTestClient.header(r, "dead-letter-reason"))
                .containsExactlyInAnyOrder(
                        "no deletion command " + unknown + " was sent by retention-service",
                        "the receipt names another item or store than command "
                                + command.data().commandId());
        item(item).body("status", equalTo("COMMANDED")); // neither touched the item
    }

    private ValidatableResponse item(UUID id) {
        return given().spec(MeshCredentials.as(tenant, MeshCredentials.AUDITOR))
                .get("/v1/retention/items/{id}", id)
                .then()
                .statusCode(200);
    }
}
