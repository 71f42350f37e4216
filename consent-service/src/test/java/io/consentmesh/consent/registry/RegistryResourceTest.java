package io.consentmesh.consent.registry;

import static io.consentmesh.consent.registry.RegistryApi.assign;
import static io.consentmesh.consent.registry.RegistryApi.changeStatus;
import static io.consentmesh.consent.registry.RegistryApi.newNumber;
import static io.consentmesh.consent.registry.RegistryApi.newTenant;
import static io.consentmesh.consent.registry.RegistryApi.putBrand;
import static io.consentmesh.consent.registry.RegistryApi.putCampaign;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.ConsentDatabase;
import io.consentmesh.testkit.MeshTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry API through the real database: brands, campaigns, numbers, status changes and bad input. */
@QuarkusTest
@MeshTest
class RegistryResourceTest {

    @Inject
    AgroalDataSource db;

    @Test
    void TCR01_a_brand_is_created_replaced_listed_and_read_with_its_provider_ids_and_history() {
        String tenant = newTenant();
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "tenantId", tenant,
                        "legalName", "Acme Corporation",
                        "displayName", "Acme",
                        "entityType", "PRIVATE_PROFIT",
                        "status", "PENDING",
                        "providerIds", Map.of("twilio", "BN3a2f4c6d8e0b1a2c3d4e5f60718293a4")))
                .put("/v1/registry/brands/BACME01")
                .then()
                .statusCode(201)
                .header("Location", containsString("/v1/registry/brands/BACME01"))
                .body("status", equalTo("PENDING"))
                .body("providerIds.twilio", equalTo("BN3a2f4c6d8e0b1a2c3d4e5f60718293a4"));
        putBrand(tenant, "BACME01", "APPROVED").statusCode(200).body("legalName", equalTo("Acme Corporation"));
        putBrand(tenant, "BOTHER1", "PENDING").statusCode(201);

        given().get("/v1/registry/brands?tenantId=" + tenant)
                .then()
                .statusCode(200)
                .body("brandId", contains("BACME01", "BOTHER1"));
        given().get("/v1/registry/brands/BACME01?tenantId=" + tenant)
                .then()
                .statusCode(200)
                .body("statusHistory.status", contains("PENDING", "APPROVED"))
                .body("statusHistory.previousStatus", contains(nullValue(), equalTo("PENDING")))
                .body("statusHistory.source", contains("API", "API"));
        given().get("/v1/registry/brands/BNOSUCH?tenantId=" + tenant)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void TCR02_TCR03_a_campaign_keeps_its_use_cases_messages_samples_and_flags() {
        String tenant = newTenant();
        putBrand(tenant, "BACME01", "APPROVED").statusCode(201);
        Map<String, Object> campaign = Map.ofEntries(
                Map.entry("tenantId", tenant),
                Map.entry("brandId", "BACME01"),
                Map.entry("useCase", "MIXED"),
                Map.entry("subUseCases", List.of("ACCOUNT_NOTIFICATION", "MARKETING")),
                Map.entry("status", "PENDING"),
                Map.entry("description", "Order updates and weekly offers for Acme customers who opted in online."),
                Map.entry("messageFlow", "Customers tick an unchecked box at checkout on acme.example."),
                Map.entry("optInMessage", "Acme: you are subscribed to order texts and offers. Reply STOP to end."),
                Map.entry("optOutMessage", "Acme: you are unsubscribed and will get no more texts."),
                Map.entry("helpMessage", RegistryApi.HELP),
                Map.entry(
                        "messageSamples",
                        List.of(
                                "Acme: your order 1042 has shipped. Reply STOP to opt out.",
                                "Acme: 20% off everything this weekend. Reply STOP to opt out.")),
                Map.entry(
                        "flags",
                        Map.of(
                                "embeddedLinks",
                                true,
                                "embeddedPhone",
                                false,
                                "ageGated",
                                false,
                                "directLending",
                                false,
                                "numberPooling",
                                false,
                                "subscriberOptIn",
                                true,
                                "subscriberOptOut",
                                true,
                                "subscriberHelp",
                                true)),
                Map.entry("expiresAt", "2099-01-01T00:00:00Z"));
        given().contentType(ContentType.JSON)
                .body(campaign)
                .put("/v1/registry/campaigns/CMIX001")
                .then()
                .statusCode(201)
                .body("status", equalTo("PENDING"))
                .body("effectiveStatus", equalTo("PENDING"));
        changeStatus(tenant, "campaigns", "CMIX001", "ACTIVE").statusCode(200);

        given().get("/v1/registry/campaigns/CMIX001?tenantId=" + tenant)
                .then()
                .statusCode(200)
                .body("useCase", equalTo("MIXED"))
                .body("subUseCases", contains("ACCOUNT_NOTIFICATION", "MARKETING"))
                .body("covers", contains("INFORMATIONAL", "TRANSACTIONAL", "MARKETING"))
                .body("effectiveStatus", equalTo("ACTIVE"))
                .body("messageSamples", hasSize(2))
                .body("optInMessage", containsString("subscribed"))
                .body("flags.embeddedLinks", equalTo(true))
                .body("flags.subscriberHelp", equalTo(true))
                .body("expiresAt", equalTo("2099-01-01T00:00:00Z"))
                .body("statusHistory.status", contains("PENDING", "ACTIVE"))
                .body("statusHistory.reason", contains(nullValue(), equalTo("test")));

        putCampaign(tenant, "C2FA001", "BACME01", "2FA", List.of(), "ACTIVE").statusCode(201);
        given().get("/v1/registry/campaigns?tenantId=" + tenant + "&brandId=BACME01")
                .then()
                .statusCode(200)
                .body("campaignId", contains("C2FA001", "CMIX001"));
        given().get("/v1/registry/campaigns?tenantId=" + tenant + "&status=PENDING")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
    }

    @Test
    void status_changes_are_kept_and_an_expired_campaign_never_comes_back() {
        String tenant = newTenant();
        putBrand(tenant, "BACME01", "APPROVED").statusCode(201);
        putCampaign(tenant, "CEXP001", "BACME01", "MARKETING", List.of(), "ACTIVE")
                .statusCode(201);
        changeStatus(tenant, "campaigns", "CEXP001", "SUSPENDED")
                .statusCode(200)
                .body("status", equalTo("SUSPENDED"));
        changeStatus(tenant, "campaigns", "CEXP001", "SUSPENDED").statusCode(200); // the same status: no change
        changeStatus(tenant, "campaigns", "CEXP001", "ACTIVE").statusCode(200);
        changeStatus(tenant, "campaigns", "CEXP001", "EXPIRED").statusCode(200);

        changeStatus(tenant, "campaigns", "CEXP001", "ACTIVE")
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("EXPIRED cannot become ACTIVE"));
        putCampaign(tenant, "CEXP001", "BACME01", "MARKETING", List.of(), "ACTIVE")
                .statusCode(409);
        given().get("/v1/registry/campaigns/CEXP001?tenantId=" + tenant)
                .then()
                .body("statusHistory.status", contains("ACTIVE", "SUSPENDED", "ACTIVE", "EXPIRED"));
        assign(tenant, newNumber(), "CEXP001").statusCode(409).body("detail", containsString("EXPIRED"));
    }

    @Test
    void G01_a_number_is_on_one_campaign_at_a_time_and_its_moves_are_kept() {
        String tenant = newTenant();
        String number = RegistryApi.activeSender(tenant, "CONE001", "MARKETING", List.of());
        putCampaign(tenant, "CTWO001", "BCONE001", "ACCOUNT_NOTIFICATION", List.of(), "ACTIVE")
                .statusCode(201);

        assign(tenant, number, "CONE001").statusCode(200).body("moved", equalTo(false));
        assign(tenant, number, "CTWO001").statusCode(200).body("moved", equalTo(true));

        given().get("/v1/registry/campaigns/CONE001?tenantId=" + tenant).then().body("senderNumbers", hasSize(0));
        given().get("/v1/registry/campaigns/CTWO001?tenantId=" + tenant).then().body("senderNumbers", contains(number));
        given().get("/v1/registry/sender-numbers?tenantId=" + tenant).then().body("campaignId", contains("CTWO001"));
        given().get("/v1/registry/sender-numbers/" + number + "?tenantId=" + tenant)
                .then()
                .statusCode(200)
                .body("campaignId", equalTo("CTWO001"))
                .body("brandId", equalTo("BCONE001"))
                .body("effectiveStatus", equalTo("ACTIVE"))
                .body("useCases", contains("ACCOUNT_NOTIFICATION"));
        org.assertj.core.api.Assertions.assertThat(ConsentDatabase.count(
                        db,
                        "SELECT count(*) FROM consent.tendlc_sender_assignment WHERE tenant_id = ? AND number = ?"
                                + " AND released_at IS NOT NULL",
                        tenant,
                        number))
                .isEqualTo(1);

        given().delete("/v1/registry/sender-numbers/" + number + "?tenantId=" + tenant)
                .then()
                .statusCode(204);
        given().get("/v1/registry/sender-numbers/" + number + "?tenantId=" + tenant)
                .then()
                .statusCode(404);
        given().delete("/v1/registry/sender-numbers/" + number + "?tenantId=" + tenant)
                .then()
                .statusCode(404);
    }

    @Test
    void CAR02_a_suspended_brand_suspends_its_campaigns_for_the_authorizer() {
        String tenant = newTenant();
        String number = RegistryApi.activeSender(tenant, "CBRS001", "MARKETING", List.of());
        changeStatus(tenant, "brands", "BCBRS001", "SUSPENDED").statusCode(200);

        given().get("/v1/registry/sender-numbers/" + number + "?tenantId=" + tenant)
                .then()
                .body("status", equalTo("ACTIVE"))
                .body("brandStatus", equalTo("SUSPENDED"))
                .body("effectiveStatus", equalTo("SUSPENDED"));
        changeStatus(tenant, "brands", "BCBRS001", "FAILED").statusCode(409);
    }

    @Test
    void bad_input_gets_problem_json() {
        String tenant = newTenant();
        putBrand(tenant, "BACME01", "APPROVED").statusCode(201);

        given().contentType(ContentType.JSON)
                .body(Map.of("tenantId", tenant, "status", "APPROVED"))
                .put("/v1/registry/brands/BX1")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("legalName is required"));
        // A tenant that is not the credential's, well-formed or not, is refused before anything else is read.
        given().contentType(ContentType.JSON)
                .body(Map.of("tenantId", "Not A Slug", "legalName", "X", "status", "APPROVED"))
                .put("/v1/registry/brands/BX1")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "tenantId",
                        tenant,
                        "legalName",
                        "X",
                        "status",
                        "APPROVED",
                        "providerIds",
                        Map.of("acme-telecom", "X1")))
                .put("/v1/registry/brands/BX1")
                .then()
                .statusCode(422);
        putCampaign(tenant, "CM1", "BACME01", "MIXED", List.of("MARKETING"), "ACTIVE")
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors", contains("subUseCases: MIXED declares 2 to 5 sub-use-cases (TCR-02)"));
        putCampaign(tenant, "CM1", "BNOSUCH", "MARKETING", List.of(), "ACTIVE")
                .statusCode(404)
                .body("detail", containsString("BNOSUCH"));
        putBrand(tenant, "BOTHER1", "APPROVED").statusCode(201);
        putCampaign(tenant, "CM1", "BACME01", "MARKETING", List.of(), "ACTIVE").statusCode(201);
        putCampaign(tenant, "CM1", "BOTHER1", "MARKETING", List.of(), "ACTIVE")
                .statusCode(409)
                .body("detail", containsString("belongs to brand BACME01"));
        changeStatus(tenant, "campaigns", "CM1", "PAUSED").statusCode(422).contentType("application/problem+json");
        changeStatus(tenant, "campaigns", "CNOSUCH", "ACTIVE").statusCode(404);
        given().contentType(ContentType.JSON)
                .body("{\"tenantId\":\"" + tenant + "\",\"brandId\":\"BACME01\",\"useCase\":\"2FA\","
                        + "\"status\":\"SOMETIMES\"}")
                .put("/v1/registry/campaigns/CM2")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        assign(tenant, "not a number", "CM1").statusCode(400).contentType("application/problem+json");
        assign(tenant, newNumber(), "CNOSUCH").statusCode(404);
        given().get("/v1/registry/campaigns").then().statusCode(400).body("detail", equalTo("tenantId is required"));
    }
}
