package io.consentmesh.consent.consents.reported;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.consentmesh.consent.ConsentApi;
import io.consentmesh.consent.TestEvents;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, item 5: a revocation the tenant received by e-mail, web form, letter, in person or on a call to its staff
 * is recorded through the API as ledger evidence and enforced like a STOP — every channel and sender of the brand at
 * once, with its KW-07 record — once, however often it is reported.
 */
@QuarkusTest
@MeshTest
class ReportedRevocationTest {

    @Inject
    SubjectKeys keys;

    @Test
    void kw05_a_revocation_received_by_email_is_evidence_and_blocks_every_sender_and_channel_once() {
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);
        ConsentApi.authorize(person, "SMS", TestEvents.SENDER_B).body("outcome", equalTo("ALLOW"));
        String key = UUID.randomUUID().toString();
        // received by e-mail after the opt-in (recorded a minute ago): a revocation before it would not stand (KW-11)
        Map<String, Object> report = report(person, "EMAIL", Instant.now().minusSeconds(5));

        String evidenceId = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(report)
                .post("/v1/revocations/reports")
                .then()
                .statusCode(201)
                .body("alreadyRecorded", equalTo(false))
                .extract()
                .path("evidenceId");
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(report)
                .post("/v1/revocations/reports")
                .then()
                .statusCode(200)
                .body("alreadyRecorded", equalTo(true))
                .body("evidenceId", equalTo(evidenceId));

        for (String sender : new String[] {TestEvents.SENDER_A, TestEvents.SENDER_B}) {
            ConsentApi.authorize(person, "SMS", sender)
                    .body("outcome", equalTo("DENY"))
                    .body("reasons", hasItem("OPTED_OUT"))
                    .body("evidenceIds", hasItem(evidenceId));
        }
        ConsentApi.authorize(person, "VOICE", TestEvents.SENDER_A)
                .body("outcome", equalTo("DENY"))
                .body("reasons", hasItem("OPTED_OUT"));

        String subject = keys.subjectOf(TestEvents.TENANT, person).value();
        JsonPath revocations = given().queryParam("tenantId", TestEvents.TENANT.value())
                .get("/v1/revocations")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String mine = "revocations.findAll { it.subjectId == '" + subject + "' }";
        assertThat(revocations.getList(mine))
                .as("one KW-07 record, however often reported")
                .hasSize(1);
        assertThat(revocations.getBoolean(mine + "[0].withinDeadline")).isTrue();
        assertThat(Instant.parse(revocations.getString(mine + "[0].receivedAt")))
                .as("the ten business days run from its receipt by e-mail, not from its report")
                .isEqualTo(Instant.parse((String) report.get("receivedAt")));
    }

    @Test
    void a_report_without_its_channel_of_receipt_from_the_future_or_with_a_long_reference_is_a_400() {
        String person = TestNumbers.randomUs();
        Map<String, Object> noVia = report(person, "EMAIL", Instant.now());
        noVia.remove("receivedVia");
        for (Map<String, Object> bad : new Map[] {
            noVia,
            report(person, "CARRIER_PIGEON", Instant.now()),
            report(person, "IN_PERSON", Instant.now().plus(Duration.ofHours(2))),
            withReference(report(person, "WEB_FORM", Instant.now()), "r".repeat(201))
        }) {
            given().contentType(ContentType.JSON)
                    .body(bad)
                    .post("/v1/revocations/reports")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        given().contentType(ContentType.JSON)
                .body(report(person, "IN_PERSON", Instant.now().plus(Duration.ofHours(2))))
                .post("/v1/revocations/reports")
                .then()
                .body("detail", containsString("receivedAt is in the future"));
    }

    private static Map<String, Object> report(String person, String via, Instant receivedAt) {
        Map<String, Object> report = new HashMap<>();
        report.put("tenantId", TestEvents.TENANT.value());
        report.put("phoneNumber", person);
        report.put("channel", "SMS");
        report.put("receivedVia", via);
        report.put("receivedAt", receivedAt.truncatedTo(ChronoUnit.SECONDS).toString());
        report.put("reference", "case-" + UUID.randomUUID());
        return report;
    }

    private static Map<String, Object> withReference(Map<String, Object> report, String reference) {
        report.put("reference", reference);
        return report;
    }
}
