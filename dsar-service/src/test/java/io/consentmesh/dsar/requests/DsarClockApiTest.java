package io.consentmesh.dsar.requests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.consentmesh.dsar.Attested;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.security.MeshCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Clocks per jurisdiction through the API and the real database: deadlines, confirmation dates, the one extension. */
@QuarkusTest
@MeshTest
class DsarClockApiTest {

    @Test
    void dsr01AGdprRequestIsExtendedOnceByTwoMonthsWithItsReasonAndNeverAgain() {
        Instant received = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant due = received.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
        String id = open("GDPR", received);
        given().get("/v1/dsar/requests/" + id)
                .then()
                .statusCode(200)
                .body("receivedAt", equalTo(received.toString()))
                .body("dueAt", equalTo(due.toString()))
                .body("clock.ruleIds", equalTo(java.util.List.of("DSR-01")))
                .body("clock.extendableUntil", equalTo(due.toString()))
                .body("clock.extension", nullValue());

        extend(id, "the person asked for every recording of three years of calls")
                .statusCode(200)
                .body(
                        "dueAt",
                        equalTo(due.atOffset(ZoneOffset.UTC)
                                .plusMonths(2)
                                .toInstant()
                                .toString()))
                .body("clock.originalDueAt", equalTo(due.toString()))
                .body("clock.extendableUntil", nullValue())
                .body("clock.extension.reason", equalTo("the person asked for every recording of three years of calls"))
                .body("clock.extension.by", org.hamcrest.Matchers.notNullValue());
        extend(id, "again")
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://consentmesh.io/problems/already-extended"));
    }

    @Test
    void dsr01AnExtensionAfterTheFirstMonthIsTooLateToNotify() {
        String id = open("GDPR", Instant.now().minus(40, ChronoUnit.DAYS));
        extend(id, "complex")
                .statusCode(422)
                .body("type", equalTo("https://consentmesh.io/problems/extension-notice-late"));
    }

    @Test
    void dsr04ACcpaRequestHasAConfirmationDateAndNinetyDaysAtMost() {
        Instant received = Instant.parse("2026-12-02T15:00:00Z"); // a Wednesday
        String id = open("CCPA", received.isAfter(Instant.now()) ? Instant.now() : received);
        Instant actual = Instant.parse(
                given().get("/v1/dsar/requests/" + id).then().extract().<String>path("receivedAt"));
        given().get("/v1/dsar/requests/" + id)
                .then()
                .body("clock.ruleIds", equalTo(java.util.List.of("DSR-04")))
                .body(
                        "clock.confirmDueAt",
                        equalTo(io.consentmesh.dsar.clock.Deadline.businessDays(10)
                                .after(actual)
                                .toString()));
        extend(id, "numerous requests this month")
                .statusCode(200)
                .body("dueAt", equalTo(actual.plus(90, ChronoUnit.DAYS).toString()));
    }

    @Test
    void dsr04TheReceiptConfirmedToThePersonIsRecordedOnceAndAnUnconfirmedOnePastItsDateIsCounted() {
        String late = open("CCPA", Instant.now().minus(20, ChronoUnit.DAYS)); // 10 business days have passed
        String id = open("CCPA", null);
        given().contentType(ContentType.JSON)
                .body(Map.of("channel", "SMS"))
                .post("/v1/dsar/requests/" + id + "/confirmation")
                .then()
                .statusCode(200)
                .body("clock.confirmation.channel", equalTo("SMS"))
                .body("clock.confirmation.at", org.hamcrest.Matchers.notNullValue())
                .body("clock.confirmation.by", org.hamcrest.Matchers.notNullValue());
        String first = given().get("/v1/dsar/requests/" + id).then().extract().path("clock.confirmation.at");
        given().contentType(ContentType.JSON)
                .body(Map.of("channel", "EMAIL"))
                .post("/v1/dsar/requests/" + id + "/confirmation")
                .then()
                .statusCode(200)
                .body("clock.confirmation.channel", equalTo("SMS")) // the first confirmation stands
                .body("clock.confirmation.at", equalTo(first));
        given().get("/v1/dsar/requests/" + late).then().body("clock.confirmation", nullValue());
        org.awaitility.Awaitility.await("the unconfirmed request counted")
                .atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> org.assertj.core.api.Assertions.assertThat(gauge(
                                io.consentmesh.testkit.Management.given()
                                        .get("/q/metrics")
                                        .then()
                                        .extract()
                                        .asString(),
                                "mesh_dsar_confirmations_overdue"))
                        .isGreaterThanOrEqualTo(1));
        given().contentType(ContentType.JSON)
                .body(Map.of("channel", "PIGEON"))
                .post("/v1/dsar/requests/" + id + "/confirmation")
                .then()
                .statusCode(400);
        given().contentType(ContentType.JSON)
                .body(Map.of())
                .post("/v1/dsar/requests/" + id + "/confirmation")
                .then()
                .statusCode(400)
                .body("detail", equalTo("channel is required (SMS, EMAIL, POST, WEB or PHONE)"));
        given().contentType(ContentType.JSON)
                .body(Map.of("channel", "SMS"))
                .post("/v1/dsar/requests/6f1c2d4e-0000-4000-8000-000000000000/confirmation")
                .then()
                .statusCode(404);
    }

    @Test
    void dsr07VirginiaExtendsToNinetyDaysAndTheDefaultNotAtAll() {
        String virginia = open("VIRGINIA", null);
        Instant received = Instant.parse(
                given().get("/v1/dsar/requests/" + virginia).then().extract().<String>path("receivedAt"));
        extend(virginia, "complex")
                .statusCode(200)
                .body("dueAt", equalTo(received.plus(90, ChronoUnit.DAYS).toString()));

        String plain = open("DEFAULT", null);
        extend(plain, "complex")
                .statusCode(422)
                .body("type", equalTo("https://consentmesh.io/problems/extension-not-allowed"));
    }

    @Test
    void anOpenRequestPastItsDeadlineIsCountedOverdueAndOneDueSoonAtRisk() {
        open("DEFAULT", Instant.now().minus(31, ChronoUnit.DAYS)); // 30 days: a day late
        open("DEFAULT", Instant.now().minus(25, ChronoUnit.DAYS)); // due in 5 days: at risk (7)
        org.awaitility.Awaitility.await("the gauges read the clocks")
                .atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    String metrics = io.consentmesh.testkit.Management.given()
                            .get("/q/metrics")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString();
                    org.assertj.core.api.Assertions.assertThat(gauge(metrics, "mesh_dsar_requests_overdue"))
                            .isGreaterThanOrEqualTo(1);
                    org.assertj.core.api.Assertions.assertThat(gauge(metrics, "mesh_dsar_requests_at_risk"))
                            .isGreaterThanOrEqualTo(1);
                    org.assertj.core.api.Assertions.assertThat(gauge(metrics, "mesh_dsar_oldest_overdue_seconds"))
                            .isGreaterThanOrEqualTo(86_000);
                });
    }

    private static double gauge(String metrics, String name) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(-1);
    }

    @Test
    void badClockInputGetsProblemJson() {
        given().contentType(ContentType.JSON)
                .body(body("GDPR", Instant.now().plus(1, ChronoUnit.HOURS)))
                .post("/v1/dsar/requests")
                .then()
                .statusCode(400)
                .body("detail", equalTo("receivedAt is in the future"));
        given().contentType(ContentType.JSON)
                .body(body("GDPR", Instant.now().minus(400, ChronoUnit.DAYS)))
                .post("/v1/dsar/requests")
                .then()
                .statusCode(400)
                .body("detail", equalTo("receivedAt is more than a year ago: every clock has run out by then"));
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "tenantId", "acme", "phoneNumber", "+14155550100", "type", "ACCESS", "jurisdiction", "MARS"))
                .post("/v1/dsar/requests")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        String id = open("GDPR", null);
        extend(id, " ")
                .statusCode(400)
                .body("detail", equalTo("reason is required: the person is told why the answer takes longer"));
        given().contentType(ContentType.JSON)
                .post("/v1/dsar/requests/" + id + "/extension")
                .then()
                .statusCode(400);
        given().contentType(ContentType.JSON)
                .body(Map.of("reason", "complex"))
                .post("/v1/dsar/requests/6f1c2d4e-0000-4000-8000-000000000000/extension")
                .then()
                .statusCode(404);
        given().spec(MeshCredentials.as("globex"))
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "complex"))
                .post("/v1/dsar/requests/" + id + "/extension")
                .then()
                .statusCode(404);
    }

    private static Map<String, Object> body(String jurisdiction, Instant receivedAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("tenantId", "acme");
        body.put("phoneNumber", TestNumbers.randomUs());
        body.put("type", "ACCESS");
        body.put("jurisdiction", jurisdiction);
        if (receivedAt != null) {
            body.put("receivedAt", receivedAt.toString());
        }
        body.put("attestation", Attested.ATTESTATION);
        return body;
    }

    private static String open(String jurisdiction, Instant receivedAt) {
        return given().contentType(ContentType.JSON)
                .body(body(jurisdiction, receivedAt))
                .post("/v1/dsar/requests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static io.restassured.response.ValidatableResponse extend(String id, String reason) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("reason", reason))
                .post("/v1/dsar/requests/" + id + "/extension")
                .then();
    }
}
