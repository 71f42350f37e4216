package io.consentmesh.consent.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consentmesh.consent.ConsentApi;
import io.consentmesh.consent.TestEvents;
import io.consentmesh.consent.authorization.rules.RuleSetParser;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decision re-check and back-test through the API, over decisions made by the real authorizer. */
@QuarkusTest
@MeshTest
class DecisionAuditTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York"); // the test numbers' area code, 212

    @Test
    void a_recheck_shows_the_facts_and_evidence_and_reproduces_the_decision() {
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);
        String decisionId = ConsentApi.authorize(person, "SMS", TestEvents.SENDER_A)
                .extract()
                .path("decisionId");

        JsonPath recheck = given().get("/v1/audit/decisions/{id}/recheck", decisionId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(recheck.getString("decision.outcome")).isEqualTo("ALLOW");
        // only the routing prefix the rules read is kept: the same candidate locations, not the person's number
        assertThat(recheck.getString("decision.facts.recipient")).isEqualTo(person.substring(0, 8) + "****");
        assertThat(recheck.getList("decision.facts.consents")).hasSize(1);
        assertThat(recheck.getList("evidence.kind", String.class)).containsExactly("EXPRESS_CONSENT");
        assertThat(recheck.getString("evidence[0].hash")).hasSize(64);
        assertThat(recheck.getString("rulesOfItsDay.outcome")).isEqualTo("ALLOW");
        assertThat(recheck.getBoolean("reproduced")).isTrue();
        assertThat(recheck.getBoolean("todayDiffers")).isFalse();
    }

    @Test
    void a_recheck_of_an_unknown_decision_is_404_problem() {
        given().get("/v1/audit/decisions/{id}/recheck", "7f0c2a1e-4b7d-4f7e-9a51-2d8c1f3e6a90")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().get("/v1/audit/decisions/{id}/recheck", "not-a-uuid").then().statusCode(400);
    }

    @Test
    void t_us_a_back_test_of_stricter_quiet_hours_finds_the_early_morning_send() throws Exception {
        LocalDate tomorrow = LocalDate.now(NEW_YORK).plusDays(1);
        Instant earlyMorning =
                tomorrow.atTime(LocalTime.of(8, 30)).atZone(NEW_YORK).toInstant();
        Instant afternoon =
                tomorrow.atTime(LocalTime.of(14, 0)).atZone(NEW_YORK).toInstant();
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);
        ConsentApi.registerSenders();
        String early = authorizeAt(person, earlyMorning);
        String later = authorizeAt(person, afternoon);

        JsonPath backTest = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "candidate", stricterFederalHours(),
                        "tenantId", TestEvents.TENANT.value(),
                        "from", earlyMorning.minusSeconds(60).toString(),
                        "to", afternoon.plusSeconds(60).toString()))
                .post("/v1/audit/back-tests")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        List<String> changed = backTest.getList("changes.decisionId", String.class);
        assertThat(changed).contains(early).doesNotContain(later);
        Map<String, Object> change = backTest.getMap("changes.find { it.decisionId == '" + early + "' }");
        assertThat(change.get("storedOutcome")).isEqualTo("ALLOW");
        assertThat(backTest.getString("changes.find { it.decisionId == '" + early + "' }.candidate.outcome"))
                .isEqualTo("DEFER");
        assertThat(backTest.getString("changes.find { it.decisionId == '" + early + "' }.candidate.deferUntil"))
                .isEqualTo(tomorrow.atTime(9, 0).atZone(NEW_YORK).toInstant().toString());
        assertThat(backTest.getString("candidateVersion")).isEqualTo("2026.11-strict");
    }

    @Test
    void an_invalid_candidate_is_422_problem() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "candidate",
                        Map.of("version", "x"),
                        "from",
                        "2026-01-01T00:00:00Z",
                        "to",
                        "2026-02-01T00:00:00Z"))
                .post("/v1/audit/back-tests")
                .then()
                .statusCode(422)
                .body("title", equalTo("The candidate rule set is invalid"));
    }

    private static String authorizeAt(String person, Instant sendAt) {
        return ConsentApi.authorizeAt(person, "SMS", TestEvents.SENDER_A, sendAt)
                .statusCode(200)
                .body("outcome", equalTo("ALLOW"))
                .extract()
                .path("decisionId");
    }

    /** The bundled rule set with federal hours 09:00-20:00 instead of 08:00-21:00. */
    private static Object stricterFederalHours() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode document = (ObjectNode) json.readTree(RuleSetParser.bundledDocument());
        document.put("version", "2026.11-strict");
        ((ObjectNode) document.path("hours").path("federal").path("days")).put("MON-SUN", "09:00-20:00");
        return json.convertValue(document, Map.class);
    }
}
