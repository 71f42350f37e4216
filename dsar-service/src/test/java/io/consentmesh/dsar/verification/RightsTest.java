package io.consentmesh.dsar.verification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.dsar.DsarRequestType;
import io.consentmesh.contracts.dsar.DsarTaskIssued;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.dsar.PersonIntake;
import io.consentmesh.dsar.TaskAnswers;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rights beyond access, portability, deletion and restriction: what each needs before it goes out (DSR-05, DSR-06),
 * its own deadline, and its task in version 2 of the task event (version 1 readers know only the first four).
 */
@QuarkusTest
@MeshTest
class RightsTest {

    @Test
    void anOptOutOfSaleOrSharingNeedsNoVerificationAndIsDueInFifteenBusinessDays() {
        String id = open("OPT_OUT_OF_SALE_SHARING", "CCPA")
                .statusCode(201)
                .body("status", equalTo("AWAITING_RESULTS"))
                .body("assuranceRequired", equalTo("NONE"))
                .extract()
                .path("id");
        ValidatableResponse request = given().get("/v1/dsar/requests/" + id).then();
        Instant received = Instant.parse(request.extract().path("receivedAt"));
        Instant due = Instant.parse(request.extract().path("dueAt"));
        request.body("verification.method", equalTo("NONE_NEEDED"));
        // 15 business days: three weeks, give or take the day of the week it came in on — well inside CCPA's 45 days
        assertThat(Duration.between(received, due)).isBetween(Duration.ofDays(19), Duration.ofDays(23));
        given().contentType(ContentType.JSON)
                .body(Map.of("reason", "many systems"))
                .post("/v1/dsar/requests/" + id + "/extension")
                .then()
                .statusCode(422)
                .body("type", equalTo("https://consentmesh.io/problems/extension-not-allowed"));
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            EventEnvelope<DsarTaskIssued> task = TaskAnswers.taskOf(kafka, id);
            assertThat(task.type()).isEqualTo("mesh.dsar.task-issued.v2");
            assertThat(task.data().requestType()).isEqualTo(DsarRequestType.OPT_OUT_OF_SALE_SHARING);
            assertThat(kafka.readAll(Topics.DSAR_SMS_COMMAND).stream()
                            .filter(r -> r.value().contains(id)))
                    .as("no code texted")
                    .isEmpty();
        }
    }

    @Test
    void anObjectionToMarketingGoesOutAtOnceAndACorrectionWaitsForTheCode() {
        String objection = open("OBJECTION", "GDPR")
                .statusCode(201)
                .body("status", equalTo("AWAITING_RESULTS"))
                .extract()
                .path("id");
        String correction = open("CORRECTION", "GDPR")
                .statusCode(201)
                .body("status", equalTo("AWAITING_VERIFICATION"))
                .body("assuranceRequired", equalTo("REASONABLE"))
                .extract()
                .path("id");
        String lifting = open("LIFT_RESTRICTION", "DEFAULT")
                .statusCode(201)
                .body("status", equalTo("AWAITING_VERIFICATION"))
                .extract()
                .path("id");
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            assertThat(TaskAnswers.taskOf(kafka, objection).type()).isEqualTo("mesh.dsar.task-issued.v2");
            kafka.await(Topics.DSAR_SMS_COMMAND, r -> r.value().contains(correction), 1, Duration.ofSeconds(30));
            kafka.await(Topics.DSAR_SMS_COMMAND, r -> r.value().contains(lifting), 1, Duration.ofSeconds(30));
            // the first four rights keep version 1, which every reader knows
            String access = given().contentType(ContentType.JSON)
                    .body(io.consentmesh.dsar.Attested.request("acme", TestNumbers.randomUs(), "ACCESS"))
                    .post("/v1/dsar/requests")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            EventEnvelope<DsarTaskIssued> task = TaskAnswers.taskOf(kafka, access);
            assertThat(task.type()).isEqualTo("mesh.dsar.task-issued.v1");
            assertThat(EventCodec.decode(EventCodec.encode(task), DsarTaskIssued.class)
                            .data()
                            .requestType())
                    .isEqualTo(DsarRequestType.ACCESS);
        }
    }

    private static ValidatableResponse open(String type, String jurisdiction) {
        return PersonIntake.open(
                PersonIntake.request(TestNumbers.randomUs(), type, "PERSON_WEB_FORM", "jurisdiction", jurisdiction));
    }
}
