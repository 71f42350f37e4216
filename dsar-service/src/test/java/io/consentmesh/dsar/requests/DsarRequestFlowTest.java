package io.consentmesh.dsar.requests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.dsar.DsarRequestType;
import io.consentmesh.contracts.dsar.DsarTaskCompleted;
import io.consentmesh.contracts.dsar.DsarTaskIssued;
import io.consentmesh.contracts.dsar.HeldData;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.dsar.Attested;
import io.consentmesh.dsar.TaskAnswers;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.consentmesh.testkit.security.MeshCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@MeshTest
class DsarRequestFlowTest {

    private static final TenantId TENANT = new TenantId("acme");

    @Inject
    SubjectKeys keys;

    @Test
    void aRequestIsStoredWithItsDueDateAndItsTaskGoesOutKeyedBySubject() {
        String person = TestNumbers.randomUs();
        String id = open(person).extract().path("id");

        ValidatableResponse stored =
                given().get("/v1/dsar/requests/" + id).then().statusCode(200);
        Instant received = Instant.parse(stored.extract().path("receivedAt"));
        stored.body("status", equalTo("AWAITING_RESULTS"))
                .body("type", equalTo("ACCESS"))
                .body("jurisdiction", equalTo("DEFAULT"))
                .body("dueAt", equalTo(received.plus(Duration.ofDays(30)).toString()))
                .body("subjectId", equalTo(keys.subjectOf(TENANT, person).value()))
                .body("awaiting", equalTo(List.of("consent-service", "retention-service")));

        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            ConsumerRecord<String, String> task = taskOf(kafka, id);
            assertThat(task.key()).isEqualTo(keys.subjectOf(TENANT, person).value());
            DsarTaskIssued issued =
                    EventCodec.decode(task.value(), DsarTaskIssued.class).data();
            assertThat(issued.requestType()).isEqualTo(DsarRequestType.ACCESS);
            assertThat(issued.dueAt()).isEqualTo(received.plus(Duration.ofDays(30)));
        }
    }

    @Test
    void anotherTenantCannotSeeTheRequestNorLearnThatItExists() {
        String id = open(TestNumbers.randomUs()).extract().path("id");
        given().spec(MeshCredentials.as("globex"))
                .get("/v1/dsar/requests/" + id)
                .then()
                .statusCode(404);
        given().spec(MeshCredentials.as("globex"))
                .get("/v1/dsar/requests/" + UUID.randomUUID())
                .then()
                .statusCode(404);
        given().spec(MeshCredentials.as("acme"))
                .get("/v1/dsar/requests/" + id)
                .then()
                .statusCode(200);
    }

    @Test
    void anAnswerDeliveredTwiceIsStoredOnceAndCompletesTheRequest() {
        String person = TestNumbers.randomUs();
        String id = open(person).extract().path("id");
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            EventEnvelope<DsarTaskIssued> task =
                    EventCodec.decode(taskOf(kafka, id).value(), DsarTaskIssued.class);
            EventEnvelope<DsarTaskCompleted> answer = answer(task, person, "consent-service");

            kafka.send(answer);
            kafka.send(answer);
            // A later answer on the same partition (same subject key): once it is stored, both copies before it have
            // been consumed, so counting now proves the second copy had no effect.
            kafka.send(answer(task, person, "retention-service"));

            await("the later answer is stored").atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(
                            "/v1/dsar/requests/" + id)
                    .then()
                    .body("results.respondingService", hasItem("retention-service")));
            given().get("/v1/dsar/requests/" + id)
                    .then()
                    .body("status", equalTo("RESULTS_COMPLETE"))
                    .body("awaiting", empty())
                    .body("results", hasSize(2))
                    .body("results.findAll { it.respondingService == 'consent-service' }", hasSize(1))
                    .body("results[0].respondingService", equalTo("consent-service"))
                    .body("results[0].outcome", equalTo("COMPLETED"))
                    .body("results[0].held[0].category", equalTo("consent-evidence"))
                    .body("results[0].held[0].recordCount", equalTo(2));
        }
    }

    @Test
    void aSecondRequestOfTheSameTypeWhileTheFirstIsOpenIsJoinedNotDoubled() {
        String person = TestNumbers.randomUs();
        String id = open(person).extract().path("id");
        given().contentType(ContentType.JSON)
                .body(Map.of("tenantId", "acme", "phoneNumber", person, "type", "ACCESS"))
                .post("/v1/dsar/requests")
                .then()
                .statusCode(200)
                .body("id", equalTo(id));
        // another type is another request
        given().contentType(ContentType.JSON)
                .body(Attested.request("acme", person, "DELETION"))
                .post("/v1/dsar/requests")
                .then()
                .statusCode(201);
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            // the deletion's task came after the access one's on the person's partition: once it is there, a second
            // access task would be too
            String subject = keys.subjectOf(TENANT, person).value();
            kafka.await(
                    Topics.DSAR_TASK,
                    r -> subject.equals(r.key()) && r.value().contains("DELETION"),
                    1,
                    Duration.ofSeconds(30));
            assertThat(kafka.readAll(Topics.DSAR_TASK).stream()
                            .filter(r -> subject.equals(r.key()) && r.value().contains("\"ACCESS\""))
                            .count())
                    .as("one access task for the joined requests")
                    .isEqualTo(1);
        }
    }

    @Test
    void aRequestIsStoredWithItsTaskInOneTransaction() {
        String person = TestNumbers.randomUs();
        String id = open(person).extract().path("id");
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            // the task comes from the outbox written with the request: one task per request, its id from the task id
            ConsumerRecord<String, String> task = taskOf(kafka, id);
            EventEnvelope<DsarTaskIssued> issued = EventCodec.decode(task.value(), DsarTaskIssued.class);
            assertThat(issued.id()).isEqualTo(EventIds.of("dsar-service", "task", "task-" + id));
            assertThat(issued.data().requestId()).isEqualTo(id);
        }
    }

    @Test
    void anAnswerToNoKnownRequestIsDeadLetteredWithItsReason() {
        String person = TestNumbers.randomUs();
        String subject = keys.subjectOf(TENANT, person).value();
        EventEnvelope<DsarTaskIssued> orphanTask = EventEnvelope.of(
                "orphan-" + person,
                URI.create("/dsar-service/requests"),
                TENANT,
                keys.subjectOf(TENANT, person),
                Instant.now(),
                new DsarTaskIssued(
                        "task-x", "00000000-0000-0000-0000-000000000000", DsarRequestType.ACCESS, Instant.now()));
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(answer(orphanTask, person, "consent-service"));

            var dead = kafka.await(Topics.DSAR_DEAD_LETTER, r -> subject.equals(r.key()), 1, Duration.ofSeconds(30));
            assertThat(KafkaTestClient.header(dead.get(0), "dead-letter-reason"))
                    .isEqualTo("no request 00000000-0000-0000-0000-000000000000 for this tenant");
        }
    }

    @Test
    void badRequestsGetProblemJson() {
        given().contentType(ContentType.JSON)
                .body(Map.of("tenantId", "acme", "phoneNumber", "not a number", "type", "ACCESS"))
                .post("/v1/dsar/requests")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("phoneNumber: not a phone number: NOT_A_NUMBER"));
        given().contentType(ContentType.JSON)
                .body(Map.of("tenantId", "acme", "phoneNumber", "+14155550100"))
                .post("/v1/dsar/requests")
                .then()
                .statusCode(400)
                .body("detail", equalTo("type is required"));
        given().get("/v1/dsar/requests/6f1c2d4e-0000-4000-8000-000000000000")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    private static ValidatableResponse open(String person) {
        return given().contentType(ContentType.JSON)
                .body(Attested.request("acme", person, "ACCESS"))
                .post("/v1/dsar/requests")
                .then()
                .statusCode(201);
    }

    private static ConsumerRecord<String, String> taskOf(KafkaTestClient kafka, String requestId) {
        return kafka.await(Topics.DSAR_TASK, r -> r.value().contains(requestId), 1, Duration.ofSeconds(30))
                .get(0);
    }

    private EventEnvelope<DsarTaskCompleted> answer(
            EventEnvelope<DsarTaskIssued> task, String person, String respondingService) {
        return TaskAnswers.answer(
                keys,
                TENANT,
                task,
                person,
                respondingService,
                List.of(new HeldData("consent-evidence", 2, "opt-in by web form; STOP by SMS")));
    }
}
