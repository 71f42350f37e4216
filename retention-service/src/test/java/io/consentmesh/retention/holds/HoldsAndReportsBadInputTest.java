package io.consentmesh.retention.holds;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.security.MeshCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Holds and reported items: what is refused (400, problem+json, without echoing the input) and what is idempotent. */
@QuarkusTest
@MeshTest
class HoldsAndReportsBadInputTest {

    private final String tenant = "holds-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aHoldWithNoScopeIsRefusedAndAWholeTenantHoldMustSaySo() {
        hold(Map.of("tenantId", tenant, "reason", "audit", "matterId", "M-1"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("a hold needs a scope"));
        hold(Map.of("tenantId", tenant, "wholeTenant", true, "category", "RECORDING", "reason", "r", "matterId", "M"))
                .statusCode(400)
                .body("detail", containsString("cannot be narrowed"));
        hold(Map.of("tenantId", tenant, "wholeTenant", true, "reason", "regulator inquiry", "matterId", "M-2"))
                .statusCode(201)
                .body("subjectId", equalTo(null))
                .body("createdBy", not(equalTo(null)));
    }

    @Test
    void holdsRefuseUnknownCategoriesReversedRangesMissingReasonsAndBadNumbers() {
        hold(Map.of("tenantId", tenant, "category", "VOICEMAIL", "reason", "r", "matterId", "M"))
                .statusCode(400)
                .body("detail", containsString("unknown category"));
        hold(Map.of(
                        "tenantId", tenant,
                        "storedFrom", "2026-05-01T00:00:00Z",
                        "storedUntil", "2026-01-01T00:00:00Z",
                        "reason", "r",
                        "matterId", "M"))
                .statusCode(400)
                .body("detail", containsString("storedFrom must be before storedUntil"));
        hold(Map.of("tenantId", tenant, "callId", "CA1", "matterId", "M"))
                .statusCode(400)
                .body("detail", containsString("reason is required"));
        hold(Map.of("tenantId", tenant, "phoneNumber", "not a number", "reason", "r", "matterId", "M"))
                .statusCode(400);
    }

    @Test
    void aHoldOnAPersonKeepsOnlyTheirSubjectIdAndReleasingTwiceChangesNothing() {
        String id = hold(Map.of(
                        "tenantId", tenant, "phoneNumber", "+14155550123", "reason", "dispute", "matterId", "D-9"))
                .statusCode(201)
                .body("subjectId", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"))
                .body(not(containsString("4155550123")))
                .extract()
                .path("id");
        release(id).statusCode(200).body("releaseNote", equalTo("settled"));
        String firstRelease = release(id).statusCode(200).extract().path("releasedAt");
        release(id).statusCode(200).body("releasedAt", equalTo(firstRelease));
        given().spec(ops())
                .contentType(ContentType.JSON)
                .post("/v1/retention/holds/{id}/release", UUID.randomUUID())
                .then()
                .statusCode(400); // no body
        given().spec(ops())
                .contentType(ContentType.JSON)
                .body(Map.of("note", "n"))
                .post("/v1/retention/holds/{id}/release", UUID.randomUUID())
                .then()
                .statusCode(404);
    }

    @Test
    void reportedItemsRefuseUnknownStoresCategoriesAndImpossibleDatesWithoutEchoingThem() {
        report(item("TELEMETRY", "nowhere-store", Instant.now()))
                .statusCode(400)
                .body("detail", containsString("items[0].store is not a store any deletion agent answers for"));
        report(item("VOICEMAIL", "object-storage", Instant.now()))
                .statusCode(400)
                .body("detail", containsString("unknown category"));
        report(item("TELEMETRY", "object-storage", Instant.parse("1969-12-31T00:00:00Z")))
                .statusCode(400)
                .body("detail", containsString("storedAt must be a real date"));
        report(item("TELEMETRY", "object-storage", Instant.now().plus(30, ChronoUnit.DAYS)))
                .statusCode(400);
        Map<String, Object> huge = item("TELEMETRY", "object-storage", Instant.now());
        huge.put("itemRef", "x".repeat(100_000));
        report(huge).statusCode(400).body(not(containsString("xxxxxxxxxx")));
        given().spec(ops())
                .contentType(ContentType.JSON)
                .body(Map.of("tenantId", tenant, "items", List.of()))
                .post("/v1/retention/items")
                .then()
                .statusCode(400)
                .body("detail", containsString("1 to 1000 items"));
    }

    @Test
    void reportingTheSameItemAgainChangesNothing() {
        Map<String, Object> one =
                item("CRM_EXPORT", "tenant-systems", Instant.now().minus(1, ChronoUnit.DAYS));
        report(one).statusCode(200).body("inventoried", equalTo(1)).body("alreadyKnown", equalTo(0));
        report(one)
                .statusCode(200)
                .body("inventoried", equalTo(0))
                .body("alreadyKnown", equalTo(1))
                .body("items", hasSize(1));
    }

    private ValidatableResponse hold(Map<String, Object> body) {
        return given().spec(ops())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/retention/holds")
                .then();
    }

    private ValidatableResponse release(String id) {
        return given().spec(ops())
                .contentType(ContentType.JSON)
                .body(Map.of("note", "settled"))
                .post("/v1/retention/holds/{id}/release", id)
                .then();
    }

    private ValidatableResponse report(Map<String, Object> item) {
        return given().spec(ops())
                .contentType(ContentType.JSON)
                .body(Map.of("tenantId", tenant, "items", List.of(item)))
                .post("/v1/retention/items")
                .then();
    }

    private Map<String, Object> item(String category, String store, Instant storedAt) {
        Map<String, Object> item = new HashMap<>();
        item.put("category", category);
        item.put("store", store);
        item.put("itemRef", "ref-" + UUID.randomUUID());
        item.put("address", "crm://exports/" + UUID.randomUUID());
        item.put("storedAt", storedAt.toString());
        return item;
    }

    private io.restassured.specification.RequestSpecification ops() {
        return MeshCredentials.as(tenant, MeshCredentials.PRIVACY_OPS);
    }
}
