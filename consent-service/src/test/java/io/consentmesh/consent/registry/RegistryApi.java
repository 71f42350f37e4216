package io.consentmesh.consent.registry;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The registry API as a tenant's systems call it, for tests; every test uses its own tenant. */
final class RegistryApi {

    static final String HELP = "Acme: help at acme.example/help. Msg&data rates may apply. Reply STOP to end.";

    private RegistryApi() {}

    static String newTenant() {
        return "reg-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String newNumber() {
        return "+1415" + ThreadLocalRandom.current().nextInt(2_000_000, 10_000_000);
    }

    static ValidatableResponse putBrand(String tenant, String brandId, String status) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("tenantId", tenant, "legalName", "Acme Corporation", "status", status))
                .put("/v1/registry/brands/" + brandId)
                .then();
    }

    static ValidatableResponse putCampaign(
            String tenant, String campaignId, String brandId, String useCase, List<String> subUseCases, String status) {
        Map<String, Object> body = new HashMap<>();
        body.put("tenantId", tenant);
        body.put("brandId", brandId);
        body.put("useCase", useCase);
        body.put("subUseCases", subUseCases);
        body.put("status", status);
        body.put("helpMessage", HELP);
        return given().contentType(ContentType.JSON)
                .body(body)
                .put("/v1/registry/campaigns/" + campaignId)
                .then();
    }

    static ValidatableResponse changeStatus(String tenant, String kind, String id, String status) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("tenantId", tenant, "status", status, "reason", "test"))
                .put("/v1/registry/" + kind + "/" + id + "/status")
                .then();
    }

    static ValidatableResponse assign(String tenant, String number, String campaignId) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("tenantId", tenant, "campaignId", campaignId))
                .put("/v1/registry/sender-numbers/" + number)
                .then();
    }

    /** An approved brand with one active campaign of the use cases and one number on it; returns the number. */
    static String activeSender(String tenant, String campaignId, String useCase, List<String> subUseCases) {
        putBrand(tenant, "B" + campaignId, "APPROVED").statusCode(201);
        putCampaign(tenant, campaignId, "B" + campaignId, useCase, subUseCases, "ACTIVE")
                .statusCode(201);
        String number = newNumber();
        assign(tenant, number, campaignId).statusCode(200);
        return number;
    }
}
