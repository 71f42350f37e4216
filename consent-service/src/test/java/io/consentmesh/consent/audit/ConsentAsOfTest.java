package io.consentmesh.consent.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.ConsentApi;
import io.consentmesh.consent.ConsentDatabase;
import io.consentmesh.consent.TestEvents;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.VerbalIntent;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** As-of queries answer from the ledger alone, and agree with the live projection. */
@QuarkusTest
@MeshTest
class ConsentAsOfTest {

    private static final Duration AT_MOST = Duration.ofSeconds(30);

    @Inject
    SubjectKeys keys;

    @Inject
    AgroalDataSource db;

    @Test
    void the_state_before_and_after_a_stop_with_the_records_that_prove_it() throws Exception {
        String person = TestNumbers.randomUs();
        String subject = keys.subjectOf(TestEvents.TENANT, person).value();
        ConsentApi.recordSmsOptIn(person);
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, "STOP"));
        }
        await("the STOP is evidence").atMost(AT_MOST).until(() -> records(subject) == 2);
        // The instants asked about are the ledger's own: the opt-in's recording time, and the instant just before it.
        ValidatableResponse all = asOf(person, Instant.now());
        Instant optedIn = Instant.parse(all.extract().path("evidence[0].recordedAt"));
        Instant stopped = Instant.parse(all.extract().path("evidence[1].recordedAt"));
        assertThat(stopped).as("the STOP is recorded after the opt-in").isAfter(optedIn);
        Instant beforeAnything = optedIn.minus(1, ChronoUnit.MICROS);

        asOf(person, beforeAnything).body("consents", empty()).body("evidence", empty());
        asOf(person, optedIn)
                .body("consents", hasSize(1))
                .body("consents[0].channel", equalTo("SMS"))
                .body("consents[0].status", equalTo("OPTED_IN"))
                .body("consents[0].level", equalTo("EXPRESS_WRITTEN"))
                .body("evidence", hasSize(1))
                .body("evidence[0].kind", equalTo("EXPRESS_CONSENT"));
        asOf(person, Instant.now())
                .body("consents.status", equalTo(java.util.List.of("REVOKED", "REVOKED")))
                .body("evidence", hasSize(2))
                .body("evidence[1].kind", equalTo("OPT_OUT_KEYWORD"))
                .body(
                        "evidence[1].prevHash",
                        equalTo(asOf(person, optedIn).extract().path("evidence[0].hash")));

        // the command's Markdown report says the same
        String markdown = AuditQueryCommand.asOfMarkdown(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(asOf(person, Instant.now()).extract().asString()));
        assertThat(markdown)
                .contains("| SMS | brand | REVOKED |")
                .contains("OPT_OUT_KEYWORD")
                .contains("EXPRESS_CONSENT");
    }

    @Test
    void folding_the_ledger_gives_the_live_projection() throws Exception {
        String person = TestNumbers.randomUs();
        String subject = keys.subjectOf(TestEvents.TENANT, person).value();
        ConsentApi.recordSmsOptIn(person);
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, "STOP"));
            await().atMost(AT_MOST).until(() -> records(subject) == 2);
            kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, "START"));
            await().atMost(AT_MOST).until(() -> records(subject) == 3);
            kafka.send(TestEvents.verbal(keys, person, VerbalIntent.OPT_IN));
            await().atMost(AT_MOST).until(() -> records(subject) == 4);
        }

        Map<String, String> live = new HashMap<>();
        try (Connection connection = db.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT channel, status, coalesce(level, ''),"
                        + " basis_evidence_id FROM consent.consent_state WHERE subject_id = ?")) {
            query.setString(1, subject);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    live.put(row.getString(1), row.getString(2) + "/" + row.getString(3) + "/" + row.getString(4));
                }
            }
        }
        Map<String, String> folded = new HashMap<>();
        java.util.List<Map<String, Object>> consents =
                asOf(person, Instant.now()).extract().path("consents");
        for (Map<String, Object> consent : consents) {
            folded.put(
                    (String) consent.get("channel"),
                    consent.get("status") + "/" + (consent.get("level") == null ? "" : consent.get("level")) + "/"
                            + consent.get("basisEvidenceId"));
        }
        assertThat(folded).isEqualTo(live).containsKeys("SMS", "VOICE");
    }

    @Test
    void a_bad_instant_or_number_gets_problem_json() {
        given().queryParam("tenantId", "acme")
                .queryParam("phoneNumber", TestNumbers.randomUs())
                .queryParam("at", "yesterday")
                .get("/v1/audit/consent-as-of")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("tenantId", "acme")
                .queryParam("phoneNumber", "555-NOPE")
                .get("/v1/audit/consent-as-of")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    private static ValidatableResponse asOf(String person, Instant at) {
        return given().queryParam("tenantId", "acme")
                .queryParam("phoneNumber", person)
                .queryParam("at", at.toString())
                .get("/v1/audit/consent-as-of")
                .then()
                .statusCode(200);
    }

    private long records(String subject) {
        return ConsentDatabase.count(db, "SELECT count(*) FROM consent.evidence WHERE subject_id = ?", subject);
    }
}
