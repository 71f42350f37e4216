package io.consentmesh.consent.registry.imports;

import static io.consentmesh.consent.registry.imports.ProviderFixtures.fixture;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.ConsentDatabase;
import io.consentmesh.testkit.MeshTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Import of Twilio's and Telnyx's 10DLC objects through the API and the real database. */
@QuarkusTest
@MeshTest
class ProviderImportTest {

    private static final String TWILIO_CAMPAIGN = "QE2c8b1f0e9d7a6c5b4a39281706f5e4d3";

    @Inject
    AgroalDataSource db;

    @Test
    void twilio_brand_registration_and_us_app_to_person_become_a_brand_and_its_campaign() {
        String tenant = tenant();
        ObjectNode page = JsonNodeFactory.instance.objectNode(); // a list page: meta and the resource's array
        page.putArray("data").add(fixture("twilio/brand-registration-approved.json"));
        page.putObject("meta").put("page", 0).put("page_size", 50).put("key", "data");
        importing(tenant, "twilio", "brands", page)
                .statusCode(200)
                .body("results[0].id", equalTo("BQ7ZK2M"))
                .body("results[0].outcome", equalTo("CREATED"))
                .body("results[0].status", equalTo("APPROVED"));
        importing(tenant, "twilio", "campaigns", fixture("twilio/us-app-to-person-in-progress.json"))
                .statusCode(200)
                .body("results[0].id", equalTo("CK4RT8Q"))
                .body("results[0].outcome", equalTo("CREATED"))
                .body("results[0].status", equalTo("PENDING"));
        importing(tenant, "twilio", "campaigns", fixture("twilio/us-app-to-person-verified.json"))
                .statusCode(200)
                .body("results[0].outcome", equalTo("UPDATED"))
                .body("results[0].status", equalTo("ACTIVE"));

        given().get("/v1/registry/brands/BQ7ZK2M?tenantId=" + tenant)
                .then()
                .body("providerIds.twilio", equalTo("BN3a2f4c6d8e0b1a2c3d4e5f60718293a4"))
                .body("statusHistory.source", contains("IMPORT:TWILIO"))
                .body("statusHistory.reason", contains("status=APPROVED identity_status=VERIFIED"));
        given().get("/v1/registry/campaigns/CK4RT8Q?tenantId=" + tenant)
                .then()
                .body("brandId", equalTo("BQ7ZK2M"))
                .body("useCase", equalTo("ACCOUNT_NOTIFICATION"))
                .body("effectiveStatus", equalTo("ACTIVE"))
                .body("covers", contains("INFORMATIONAL", "TRANSACTIONAL"))
                .body("flags.embeddedPhone", equalTo(true))
                .body("providerIds.twilio", equalTo(TWILIO_CAMPAIGN))
                .body("statusHistory.status", contains("PENDING", "ACTIVE"))
                .body("statusHistory.reason", contains("campaign_status=IN_PROGRESS", "campaign_status=VERIFIED"));
    }

    @Test
    void the_same_object_imported_twice_has_one_effect_and_an_older_one_changes_nothing() {
        String tenant = tenant();
        importing(tenant, "twilio", "brands", fixture("twilio/brand-registration-approved.json"))
                .statusCode(200);
        importing(tenant, "twilio", "campaigns", fixture("twilio/us-app-to-person-verified.json"))
                .body("results[0].outcome", equalTo("CREATED"));
        importing(tenant, "twilio", "campaigns", fixture("twilio/us-app-to-person-verified.json"))
                .statusCode(200)
                .body("results[0].outcome", equalTo("UNCHANGED"))
                .body("results[0].status", equalTo("ACTIVE"));
        // A delayed copy of an earlier state (older date_updated) must not bring the campaign back to review.
        importing(tenant, "twilio", "campaigns", fixture("twilio/us-app-to-person-in-progress.json"))
                .statusCode(200)
                .body("results[0].outcome", equalTo("STALE"))
                .body("results[0].status", equalTo("ACTIVE"));
        assertThat(history(tenant, "CK4RT8Q")).isEqualTo(1);

        // A newer state replaces it.
        importing(tenant, "twilio", "campaigns", fixture("twilio/us-app-to-person-failed.json"))
                .body("results[0].outcome", equalTo("UPDATED"))
                .body("results[0].status", equalTo("REJECTED"));
        importing(tenant, "twilio", "campaigns", fixture("twilio/us-app-to-person-failed.json"))
                .body("results[0].outcome", equalTo("UNCHANGED"));
        assertThat(history(tenant, "CK4RT8Q")).isEqualTo(2);
        assertThat(ConsentDatabase.count(
                        db, "SELECT count(*) FROM consent.tendlc_campaign WHERE tenant_id = ?", tenant))
                .isEqualTo(1);
    }

    @Test
    void telnyx_brand_and_campaign_list_pages_import_and_a_t_mobile_suspension_suspends() {
        String tenant = tenant();
        importing(tenant, "telnyx", "brands", fixture("telnyx/brand.json"))
                .statusCode(200)
                .body("results[0].id", equalTo("BRBT5XN"));
        ObjectNode page = JsonNodeFactory.instance.objectNode();
        page.put("page", 1).put("totalRecords", 1).putArray("records").add(fixture("telnyx/campaign.json"));
        importing(tenant, "telnyx", "campaigns", page)
                .statusCode(200)
                .body("results[0].id", equalTo("CJ2M9QF"))
                .body("results[0].status", equalTo("ACTIVE"));
        given().get("/v1/registry/brands/BRBT5XN?tenantId=" + tenant)
                .then()
                .body("legalName", equalTo("Acme Plumbing and Heating LLC"))
                .body("providerIds.telnyx", equalTo("4b20019b-043a-78f8-0657-b3be3f4b4002"));
        given().get("/v1/registry/campaigns/CJ2M9QF?tenantId=" + tenant)
                .then()
                .body("subUseCases", contains("ACCOUNT_NOTIFICATION", "CUSTOMER_CARE", "MARKETING"))
                .body("covers", hasItem("MARKETING"))
                .body("messageSamples[2]", containsString("furnace"));

        importing(tenant, "telnyx", "campaigns", fixture("telnyx/campaign-t-mobile-suspended.json"))
                .body("results[0].outcome", equalTo("UPDATED"))
                .body("results[0].status", equalTo("SUSPENDED"));
        importing(tenant, "telnyx", "campaigns", fixture("telnyx/campaign-expired.json"))
                .body("results[0].status", equalTo("EXPIRED"));
        given().get("/v1/registry/campaigns/CJ2M9QF?tenantId=" + tenant)
                .then()
                .body("statusHistory.status", contains("ACTIVE", "SUSPENDED", "EXPIRED"))
                .body("statusHistory.source", contains("IMPORT:TELNYX", "IMPORT:TELNYX", "IMPORT:TELNYX"))
                .body("expiresAt", equalTo("2026-11-20T00:00:00Z"));
    }

    @Test
    void a_brand_registered_by_the_tenant_with_its_provider_id_receives_the_providers_campaigns() {
        String tenant = tenant();
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "tenantId",
                        tenant,
                        "legalName",
                        "Acme Dental PC",
                        "status",
                        "APPROVED",
                        "providerIds",
                        Map.of("twilio", "BN3a2f4c6d8e0b1a2c3d4e5f60718293a4")))
                .put("/v1/registry/brands/BDENTAL")
                .then()
                .statusCode(201);
        importing(tenant, "twilio", "campaigns", fixture("twilio/us-app-to-person-verified.json"))
                .statusCode(200)
                .body("results[0].id", equalTo("CK4RT8Q"));
        given().get("/v1/registry/campaigns/CK4RT8Q?tenantId=" + tenant).then().body("brandId", equalTo("BDENTAL"));
    }

    @Test
    void bad_imports_get_problem_json() {
        String tenant = tenant();
        importing(tenant, "twilio", "campaigns", fixture("twilio/us-app-to-person-verified.json"))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("import its brand"));
        ObjectNode unknownStatus = fixture("telnyx/brand.json");
        unknownStatus.put("status", "MAYBE");
        importing(tenant, "telnyx", "brands", unknownStatus)
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors", contains("[0] status: unknown status 'MAYBE'"));
        importing(tenant, "plivo", "brands", fixture("telnyx/brand.json")).statusCode(404);
        importing(tenant, "twilio", "numbers", fixture("telnyx/brand.json")).statusCode(404);
        given().contentType(ContentType.JSON)
                .body("[1, 2]")
                .post("/v1/registry/imports/twilio/brands?tenantId=" + tenant)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body("{\"sid\":")
                .post("/v1/registry/imports/twilio/brands?tenantId=" + tenant)
                .then()
                .statusCode(400);
        given().contentType(ContentType.JSON)
                .body(fixture("telnyx/brand.json").toString())
                .post("/v1/registry/imports/telnyx/brands")
                .then()
                .statusCode(400)
                .body("detail", equalTo("tenantId is required"));
    }

    private long history(String tenant, String campaignId) {
        return ConsentDatabase.count(
                db,
                "SELECT count(*) FROM consent.tendlc_campaign_status_change WHERE tenant_id = ? AND campaign_id = ?",
                tenant,
                campaignId);
    }

    private static ValidatableResponse importing(String tenant, String provider, String kind, ObjectNode body) {
        return given().contentType(ContentType.JSON)
                .body(body.toString())
                .post("/v1/registry/imports/" + provider + "/" + kind + "?tenantId=" + tenant)
                .then();
    }

    private static String tenant() {
        return "imp-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
