package io.consentmesh.retention.dsar;

import static io.consentmesh.retention.deletion.RetentionFixtures.WAIT;
import static io.consentmesh.retention.deletion.RetentionFixtures.answer;
import static io.consentmesh.retention.deletion.RetentionFixtures.commandsFor;
import static io.consentmesh.retention.deletion.RetentionFixtures.itemOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.dsar.DsarHeldRecords;
import io.consentmesh.contracts.dsar.DsarRequestType;
import io.consentmesh.contracts.dsar.DsarTaskCompleted;
import io.consentmesh.contracts.dsar.DsarTaskIssued;
import io.consentmesh.contracts.dsar.DsarTaskOutcome;
import io.consentmesh.contracts.dsar.HeldData;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventType;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.retention.DeletionCommanded;
import io.consentmesh.contracts.retention.DeletionOutcome;
import io.consentmesh.contracts.retention.DeletionReason;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.RecordingAvailable;
import io.consentmesh.retention.deletion.RetentionFixtures;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.dsar.DsarTasks;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.consentmesh.testkit.security.MeshCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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
 * retention-service answering data-subject request tasks through the real broker and database: an access task with
 * what the inventory holds; a deletion task by deleting every item of the person (a held one kept and listed as the
 * exception), answered only once every receipt is in; each task accepted once.
 */
@QuarkusTest
@MeshTest
class DsarTaskFlowTest {

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
    void anAccessTaskIsAnsweredWithWhatTheInventoryHoldsAndADeletionOnlyOnceEveryItemIsGoneOrHeld() {
        String call = RetentionFixtures.newCallId();
        String heldCall = RetentionFixtures.newCallId();
        given().spec(MeshCredentials.as(tenant, MeshCredentials.PRIVACY_OPS))
                .contentType(ContentType.JSON)
                .body(Map.of("tenantId", tenant, "callId", heldCall, "reason", "litigation", "matterId", "M-7"))
                .post("/v1/retention/holds")
                .then()
                .statusCode(201);
        Instant tenDaysAgo = Instant.now().minus(10, ChronoUnit.DAYS);
        EventEnvelope<RecordingAvailable> first = RetentionFixtures.recording(tenant, person, call, tenDaysAgo);
        EventEnvelope<RecordingAvailable> second = RetentionFixtures.recording(tenant, person, call, tenDaysAgo);
        EventEnvelope<RecordingAvailable> held = RetentionFixtures.recording(tenant, person, heldCall, tenDaysAgo);
        kafka.send(first);
        kafka.send(second);
        kafka.send(held);
        await("three recordings inventoried").atMost(WAIT).untilAsserted(() -> {
            item(itemOf(first)).statusCode(200);
            item(itemOf(second)).statusCode(200);
            item(itemOf(held)).statusCode(200);
        });

        EventEnvelope<DsarTaskIssued> access = task(DsarRequestType.ACCESS);
        kafka.send(access);
        kafka.send(access); // redelivered: accepted once, answered once
        DsarTaskCompleted accessAnswer = answerTo(access, 1).get(0);
        assertThat(accessAnswer.respondingService()).isEqualTo("retention-service");
        assertThat(accessAnswer.outcome()).isEqualTo(DsarTaskOutcome.COMPLETED);
        assertThat(accessAnswer.held()).hasSize(1);
        HeldData recordings = accessAnswer.held().get(0);
        assertThat(recordings.category()).isEqualTo("stored-recording");
        assertThat(recordings.recordCount()).isEqualTo(3);
        assertThat(recordings.summary()).startsWith("kept in twilio, the first due for deletion at ");
        // the items themselves, for the person's copy: one page, before the answer
        assertThat(accessAnswer.recordPages()).isEqualTo(1);
        List<DsarHeldRecords> pages = pagesOf(access);
        assertThat(pages).hasSize(1);
        assertThat(pages.get(0).category()).isEqualTo("stored-items");
        assertThat(pages.get(0).records())
                .extracting(r -> r.get("id"))
                .containsExactlyInAnyOrder(
                        itemOf(first).toString(),
                        itemOf(second).toString(),
                        itemOf(held).toString());
        assertThat(pages.get(0).records()).allSatisfy(r -> assertThat(r)
                .containsKeys("category", "storage_uri", "stored_at", "due_at")
                .doesNotContainKeys("tenant_id", "subject_id"));

        EventEnvelope<DsarTaskIssued> deletion = task(DsarRequestType.DELETION);
        kafka.send(deletion);
        List<EventEnvelope<DeletionCommanded>> commands = List.of(
                commandsFor(kafka, itemOf(first), 1).get(0),
                commandsFor(kafka, itemOf(second), 1).get(0));
        assertThat(commands)
                .allSatisfy(command -> assertThat(command.data().reason()).isEqualTo(DeletionReason.DELETION_REQUEST));
        await("the held recording set aside").atMost(WAIT).untilAsserted(() -> item(itemOf(held))
                .body("heldSince", notNullValue()));
        assertThat(answersTo(deletion))
                .as("no answer while receipts are missing")
                .isEmpty();

        answer(kafka, commands.get(0), DeletionOutcome.DELETED, null);
        answer(kafka, commands.get(1), DeletionOutcome.ALREADY_GONE, null);
        DsarTaskCompleted deletionAnswer = answerTo(deletion, 1).get(0);
        assertThat(deletionAnswer.outcome()).isEqualTo(DsarTaskOutcome.COMPLETED);
        assertThat(deletionAnswer.held())
                .extracting(HeldData::category, HeldData::recordCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("deleted-stored-items", 2L),
                        org.assertj.core.groups.Tuple.tuple("exception-legal-hold", 1L));
        assertThat(deletionAnswer.held().get(1).summary()).contains("legal hold (RECORDING)");
        assertThat(answersTo(access))
                .as("the redelivered access task had no second answer")
                .hasSize(1);
    }

    @Test
    void aDeletionOfAPersonTheInventoryDoesNotKnowIsAnsweredAtOnceAndATaskWithoutSubjectIsDeadLettered() {
        EventEnvelope<DsarTaskIssued> deletion = task(DsarRequestType.DELETION);
        kafka.send(deletion);
        assertThat(answerTo(deletion, 1).get(0).outcome()).isEqualTo(DsarTaskOutcome.NOTHING_HELD);

        EventEnvelope<DsarTaskIssued> anonymous = DsarTasks.withoutSubject(new TenantId(tenant));
        String key = "no-subject-" + UUID.randomUUID();
        kafka.send(Topics.DSAR_TASK, key, EventCodec.encode(anonymous));
        var dead = kafka.await(Topics.RETENTION_DEAD_LETTER, r -> key.equals(r.key()), 1, WAIT);
        assertThat(KafkaTestClient.header(dead.get(0), "dead-letter-reason"))
                .isEqualTo("a DSAR task must name its subject");
    }

    private EventEnvelope<DsarTaskIssued> task(DsarRequestType type) {
        return DsarTasks.of(new TenantId(tenant), person, type);
    }

    private List<DsarTaskCompleted> answerTo(EventEnvelope<DsarTaskIssued> task, int count) {
        return kafka
                .await(
                        Topics.DSAR_TASK_RESULT,
                        r -> r.value().contains(task.data().taskId())
                                && r.value().contains(COMPLETED_TYPE),
                        count,
                        WAIT)
                .stream()
                .map(r -> EventCodec.decode(r.value(), DsarTaskCompleted.class).data())
                .toList();
    }

    private List<DsarTaskCompleted> answersTo(EventEnvelope<DsarTaskIssued> task) {
        return kafka.readAll(Topics.DSAR_TASK_RESULT).stream()
                .filter(r ->
                        r.value().contains(task.data().taskId()) && r.value().contains(COMPLETED_TYPE))
                .map(r -> EventCodec.decode(r.value(), DsarTaskCompleted.class).data())
                .toList();
    }

    /** The pages of records sent for {@code task}, in the order they are on the topic. */
    private List<DsarHeldRecords> pagesOf(EventEnvelope<DsarTaskIssued> task) {
        return kafka.readAll(Topics.DSAR_TASK_RESULT).stream()
                .filter(r -> r.value().contains(task.data().taskId()))
                .map(r -> EventCodec.decode(r.value()).data())
                .filter(DsarHeldRecords.class::isInstance)
                .map(DsarHeldRecords.class::cast)
                .toList();
    }

    private static final String COMPLETED_TYPE = "\"" + EventType.DSAR_TASK_COMPLETED.type() + "\"";

    private io.restassured.response.ValidatableResponse item(UUID id) {
        return given().spec(MeshCredentials.as(tenant, MeshCredentials.AUDITOR))
                .get("/v1/retention/items/{id}", id)
                .then();
    }
}
