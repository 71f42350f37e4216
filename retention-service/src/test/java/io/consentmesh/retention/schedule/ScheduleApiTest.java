package io.consentmesh.retention.schedule;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.security.MeshCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@MeshTest
class ScheduleApiTest {

    private final String tenant = "sched-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aNewTenantStartsFromTheStandardProfileAndTheStartIsRecorded() {
        given().spec(ops())
                .get("/v1/retention/schedules/{tenantId}", tenant)
                .then()
                .statusCode(200)
                .body("find { it.category == 'RECORDING' }.period", equalTo("P90D"))
                .body("find { it.category == 'RECORDING' }.maximum", equalTo("P90D"))
                .body("find { it.category == 'TRANSCRIPT' }.period", equalTo("P12M"))
                .body("find { it.category == 'SECURITY_AUDIT_LOG' }.minimum", equalTo("P1Y"))
                .body("find { it.category == 'INVOICE' }.period", equalTo("P10Y"))
                .body("find { it.category == 'BANK_VERIFICATION' }.trigger", equalTo("RELATIONSHIP_ENDED"))
                .body("find { it.category == 'CALL_METADATA' }.trigger", equalTo("CALL_ENDED"))
                .body("profile", hasItem("standard"));
        given().spec(ops())
                .get("/v1/retention/schedules/{tenantId}/changes", tenant)
                .then()
                .statusCode(200)
                .body("size()", equalTo(Category.values().length))
                .body("[0].oldPeriod", equalTo(null))
                .body("[0].changedBy", equalTo("retention-service"));
    }

    @Test
    void aChangeGivesWaitingItemsTheirNewDueDateAndIsRecorded() {
        Instant storedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(10, ChronoUnit.DAYS);
        String item = report("TELEMETRY", "batch-" + UUID.randomUUID(), storedAt);

        given().spec(ops())
                .contentType(ContentType.JSON)
                .body(Map.of("period", "P30D", "reason", "telemetry rotated monthly from now on"))
                .put("/v1/retention/schedules/{tenantId}/{category}", tenant, "telemetry")
                .then()
                .statusCode(200)
                .body("period", equalTo("P30D"));

        given().spec(ops())
                .get("/v1/retention/items/{id}", item)
                .then()
                .statusCode(200)
                .body("dueAt", equalTo(storedAt.plus(30, ChronoUnit.DAYS).toString()));
        List<Map<String, Object>> changes = given().spec(ops())
                .get("/v1/retention/schedules/{tenantId}/changes", tenant)
                .then()
                .statusCode(200)
                .extract()
                .path("findAll { it.category == 'TELEMETRY' }");
        assertThat(changes.get(0))
                .containsEntry("oldPeriod", "P90D")
                .containsEntry("newPeriod", "P30D")
                .containsEntry("reason", "telemetry rotated monthly from now on")
                .containsEntry("itemsAffected", 1);
    }

    @Test
    void aPeriodOutsideTheLegalBoundsIsRefused() {
        change("SECURITY_AUDIT_LOG", "P6M")
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://consentmesh.io/problems/schedule-outside-legal-bounds"))
                .body("detail", containsString("at least P1Y"));
        change("RECORDING", "P120D").statusCode(422).body("detail", containsString("at most P90D"));
        change("INVOICE", "P9Y").statusCode(422);
    }

    @Test
    void negativeAbsurdOrMalformedPeriodsAndUnknownCategoriesAre400() {
        change("RECORDING", "P-5D").statusCode(400).body("detail", containsString("must not be negative"));
        change("RECORDING", "P200Y").statusCode(400).body("detail", containsString("longer than 100 years"));
        change("RECORDING", "ninety days").statusCode(400).body("detail", containsString("ISO-8601"));
        change("VOICEMAIL", "P30D").statusCode(400).body("detail", containsString("unknown category"));
        given().spec(ops())
                .contentType(ContentType.JSON)
                .body(Map.of("period", "P30D"))
                .put("/v1/retention/schedules/{tenantId}/{category}", tenant, "RECORDING")
                .then()
                .statusCode(400)
                .body("detail", containsString("reason is required"));
        given().spec(ops())
                .contentType(ContentType.JSON)
                .body(Map.of("profile", "lenient", "reason", "try"))
                .put("/v1/retention/schedules/{tenantId}", tenant)
                .then()
                .statusCode(400)
                .body("detail", containsString("unknown profile"));
    }

    @Test
    void applyingAProfileSetsEveryCategoryAndRecordsEachChange() {
        given().spec(ops())
                .contentType(ContentType.JSON)
                .body(Map.of("profile", "us-telemarketing", "reason", "outbound telemarketing under the TSR"))
                .put("/v1/retention/schedules/{tenantId}", tenant)
                .then()
                .statusCode(200)
                .body("find { it.category == 'RECORDING' }.period", equalTo("P2Y"))
                .body("find { it.category == 'CALL_METADATA' }.minimum", equalTo("P5Y"))
                .body("profile", hasItem("us-telemarketing"));
        given().spec(ops())
                .get("/v1/retention/schedules/{tenantId}/changes", tenant)
                .then()
                .body(
                        "findAll { it.reason == 'outbound telemarketing under the TSR' }.size()",
                        equalTo(Category.values().length));
    }

    @Test
    void onlyPrivacyOpsChangesSchedulesAndAnotherTenantsAre403() {
        given().spec(MeshCredentials.as(tenant, MeshCredentials.AUDITOR))
                .contentType(ContentType.JSON)
                .body(Map.of("period", "P30D", "reason", "r"))
                .put("/v1/retention/schedules/{tenantId}/{category}", tenant, "RECORDING")
                .then()
                .statusCode(403);
        given().spec(MeshCredentials.as("other-" + tenant, MeshCredentials.PRIVACY_OPS))
                .get("/v1/retention/schedules/{tenantId}", tenant)
                .then()
                .statusCode(403);
    }

    private ValidatableResponse change(String category, String period) {
        return given().spec(ops())
                .contentType(ContentType.JSON)
                .body(Map.of("period", period, "reason", "test"))
                .put("/v1/retention/schedules/{tenantId}/{category}", tenant, category)
                .then();
    }

    private String report(String category, String ref, Instant storedAt) {
        return given().spec(ops())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "tenantId",
                        tenant,
                        "items",
                        List.of(Map.of(
                                "category",
                                category,
                                "store",
                                "object-storage",
                                "itemRef",
                                ref,
                                "address",
                                "s3://telemetry/" + ref,
                                "storedAt",
                                storedAt.toString()))))
                .post("/v1/retention/items")
                .then()
                .statusCode(200)
                .body(
                        "items[0].dueAt",
                        equalTo(storedAt.plus(90, ChronoUnit.DAYS).toString()))
                .extract()
                .path("items[0].id");
    }

    private RequestSpecification ops() {
        return MeshCredentials.as(tenant, MeshCredentials.PRIVACY_OPS);
    }
}
