package io.consentmesh.dsar.requests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentmesh.contracts.Topics;
import io.consentmesh.dsar.Attested;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An overdue or at-risk request is raised as an event on its record (and dsar.request.v1), once per deadline. */
@QuarkusTest
@MeshTest
class ClockEventsTest {

    @Test
    void anOverdueAndAnAtRiskRequestAreRaisedOnceEach() {
        String overdue = open("DEFAULT", 40); // due 30 days after receipt: 10 days late
        String atRisk = open("CCPA", 40); // due 45 days after receipt: in 5 days, within the 7 at risk
        String fine = open("CCPA", 1);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> kinds(overdue).contains("OVERDUE") && kinds(atRisk).contains("AT_RISK"));
        // a later overdue request raised means the watch has passed over the first ones again: nothing twice
        String later = open("DEFAULT", 41);
        await().atMost(Duration.ofSeconds(30)).until(() -> kinds(later).contains("OVERDUE"));
        assertThat(kinds(overdue)).filteredOn("OVERDUE"::equals).hasSize(1);
        assertThat(kinds(overdue)).doesNotContain("AT_RISK");
        assertThat(kinds(atRisk)).filteredOn("AT_RISK"::equals).hasSize(1);
        assertThat(kinds(fine)).doesNotContain("AT_RISK", "OVERDUE");
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.await(
                    Topics.DSAR_REQUEST,
                    r -> r.value().contains(overdue) && r.value().contains("\"OVERDUE\""),
                    1,
                    Duration.ofSeconds(30));
        }
    }

    private static String open(String jurisdiction, int daysAgo) {
        Map<String, Object> body = new HashMap<>(Attested.request("acme", TestNumbers.randomUs(), "DELETION"));
        body.put("jurisdiction", jurisdiction);
        body.put("receivedAt", Instant.now().minus(daysAgo, ChronoUnit.DAYS).toString());
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/v1/dsar/requests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static List<String> kinds(String id) {
        return given().get("/v1/dsar/requests/" + id + "/record")
                .then()
                .extract()
                .path("kind");
    }
}
