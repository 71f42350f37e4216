package io.consentmesh.dsar.answers;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.consentmesh.contracts.dsar.DsarTaskIssued;
import io.consentmesh.contracts.dsar.HeldData;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.dsar.Attested;
import io.consentmesh.dsar.PersonIntake;
import io.consentmesh.dsar.TaskAnswers;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.consentmesh.testkit.security.MeshCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The answer to the person, rendered from the Qute templates in English and Spanish: what each service found and did,
 * the exceptions (DSR-03 recipients included for access), the complaint or appeal of the law (DSR-01, DSR-07), and a
 * denial's basis (DSR-04).
 */
@QuarkusTest
@MeshTest
class AnswerLettersTest {

    private static final TenantId TENANT = new TenantId("acme");

    @Inject
    SubjectKeys keys;

    @Test
    void aCompletedAccessRequestIsAnsweredInTheLanguageOfThePersonWithItsExceptionsAndRecipients() {
        String person = TestNumbers.randomUs();
        Map<String, Object> body = new HashMap<>(Attested.request("acme", person, "ACCESS"));
        body.put("jurisdiction", "GDPR");
        body.put("language", "es");
        String id = given().contentType(ContentType.JSON)
                .body(body)
                .post("/v1/dsar/requests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().get("/v1/dsar/requests/" + id + "/answer")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://consentmesh.io/problems/no-answer-yet"));
        TaskAnswers.discloseToProcessorInGermany(person, "dpa-" + id);
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            EventEnvelope<DsarTaskIssued> task = TaskAnswers.taskOf(kafka, id);
            kafka.send(TaskAnswers.answer(
                    keys,
                    TENANT,
                    task,
                    person,
                    "consent-service",
                    List.of(new HeldData("consent-evidence", 3, "records of consent given or revoked"))));
            kafka.send(TaskAnswers.answer(
                    keys,
                    TENANT,
                    task,
                    person,
                    "retention-service",
                    List.of(
                            new HeldData("stored-recording", 2, "call recordings in recordings-s3"),
                            new HeldData(
                                    "exception-legal-hold",
                                    1,
                                    "kept under a legal hold (RECORDING): deleted once the hold is released"))));
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        given().get("/v1/dsar/requests/" + id).then().body("status", equalTo("RESULTS_COMPLETE")));

        String spanish = given().get("/v1/dsar/requests/" + id + "/answer")
                .then()
                .statusCode(200)
                .body("language", equalTo("es"))
                .extract()
                .path("text");
        assertThat(spanish)
                .startsWith("Su solicitud de privacidad: acceso a sus datos")
                .contains("Le respondemos conforme al RGPD")
                .contains("- registros de su consentimiento o de su revocación (palabras clave, formularios),"
                        + " conservados como prueba (3; consent-service)")
                .contains("Lo que conservamos, y por qué:\n- conservados por una retención legal: se eliminarán cuando"
                        + " se levante (1; retention-service)")
                .contains("- Acme Transcription GmbH (PROCESSOR, DE) el 2026-11-02: call recordings. Finalidad:"
                        + " transcribing calls")
                .contains("Tiene derecho a presentar una reclamación ante una autoridad de control")
                .contains("Referencia: " + id)
                .doesNotContain("{");

        String english = given().queryParam("language", "en")
                .get("/v1/dsar/requests/" + id + "/answer")
                .then()
                .statusCode(200)
                .extract()
                .path("text");
        assertThat(english)
                .startsWith("Your privacy request: access to your data")
                .contains("What we kept, and why:\n- kept under a legal hold (RECORDING): deleted once the hold is"
                        + " released (1; retention-service)")
                .contains("- call recordings in recordings-s3 (2; retention-service)")
                .contains("You have the right to lodge a complaint with a data protection supervisory authority");
        given().queryParam("language", "fr")
                .get("/v1/dsar/requests/" + id + "/answer")
                .then()
                .statusCode(400)
                .body("detail", equalTo("language must be one of [en, es]"));
        given().spec(MeshCredentials.as("acme", MeshCredentials.AUDITOR))
                .get("/v1/dsar/requests/" + id + "/answer")
                .then()
                .statusCode(403);
    }

    @Test
    void aDeniedRequestIsAnsweredWithItsBasisAndTheAppealOfTheStateLaw() {
        String id = PersonIntake.open(PersonIntake.request(
                        TestNumbers.randomUs(), "DELETION", "PERSON_WEB_FORM", "jurisdiction", "VIRGINIA"))
                .statusCode(201)
                .extract()
                .path("id");
        given().contentType(ContentType.JSON)
                .body(Map.of("basis", "UNVERIFIABLE", "reason", "The code we texted was not entered within 45 days."))
                .post("/v1/dsar/requests/" + id + "/denial")
                .then()
                .statusCode(200);
        String text = given().get("/v1/dsar/requests/" + id + "/answer")
                .then()
                .statusCode(200)
                .body("language", equalTo("en"))
                .extract()
                .path("text");
        assertThat(text)
                .startsWith("Your privacy request: deletion of your data")
                .contains("We cannot act on it: we could not confirm that the request was made by you.\n"
                        + "The code we texted was not entered within 45 days.")
                .contains("You may appeal this decision by replying to this message within 60 days");
        assertThat(given().queryParam("language", "es")
                        .get("/v1/dsar/requests/" + id + "/answer")
                        .then()
                        .extract()
                        .<String>path("text"))
                .contains("No podemos atenderla: no pudimos confirmar que la solicitud la hizo usted.")
                .contains("Puede apelar esta decisión");
    }
}
