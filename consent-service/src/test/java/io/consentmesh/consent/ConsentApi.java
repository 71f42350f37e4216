package io.consentmesh.consent;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** The consent-service API as the tenant's systems call it, for tests. */
public final class ConsentApi {

    private ConsentApi() {}

    /** Records express written SMS consent captured on the tenant's web form a minute ago. */
    public static void recordSmsOptIn(String person) {
        recordSmsOptIn("acme", person);
    }

    /** The same, for another tenant. */
    public static void recordSmsOptIn(String tenant, String person) {
        recordSmsOptIn(tenant, person, Map.of());
    }

    /** Express written SMS consent to one campaign's messages only. */
    public static void recordCampaignSmsOptIn(String person, String campaignId) {
        recordSmsOptIn("acme", person, Map.of("campaignId", campaignId));
    }

    /** The same, with some fields of the request replaced or added (a name, another IP address, …). */
    public static void recordSmsOptIn(String tenant, String person, Map<String, String> more) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "tenantId", tenant,
                "phoneNumber", person,
                "channel", "SMS",
                "level", "EXPRESS_WRITTEN",
                "source", "WEB_FORM",
                "disclosureText", "By checking this box you agree to receive texts from Acme. Reply STOP to end.",
                "disclosureVersion", "web-2026-10",
                "capturedAt", Instant.now().minusSeconds(60).toString(),
                "ipAddress", "203.0.113.7",
                "userAgent", "Mozilla/5.0"));
        body.putAll(more);
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/v1/consents")
                .then()
                .statusCode(201);
    }

    /**
     * Asks whether the tenant may send an informational message (or call) to the person from the sender, planned for
     * tomorrow at 15:00 UTC: inside the calling hours of the test numbers' area code (212, New York: federal hours
     * only) whenever the test runs. Expects a 200 decision.
     */
    public static ValidatableResponse authorize(String person, String channel, String sender) {
        registerSenders();
        return authorizeAt(person, channel, sender, DAYTIME_TOMORROW).statusCode(200);
    }

    /** An informational send (or call) planned at {@code sendAt}, whatever the answer. */
    public static ValidatableResponse authorizeAt(String person, String channel, String sender, Instant sendAt) {
        return authorizeAt(person, channel, sender, sendAt, Map.of());
    }

    /** The same, with request headers (a caller's {@code traceparent}, say). */
    public static ValidatableResponse authorizeAt(
            String person, String channel, String sender, Instant sendAt, Map<String, String> headers) {
        return given().contentType(ContentType.JSON)
                .headers(headers)
                .body(Map.of(
                        "tenantId",
                        "acme",
                        "channel",
                        channel,
                        "from",
                        sender,
                        "to",
                        person,
                        "contentClass",
                        "INFORMATIONAL",
                        "sendAt",
                        sendAt.toString()))
                .post("/v1/authorizations")
                .then();
    }

    /** Tomorrow 15:00 UTC: 10:00 or 11:00 in New York. */
    public static final Instant DAYTIME_TOMORROW =
            Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS).plus(15, ChronoUnit.HOURS);

    private static volatile boolean sendersRegistered;

    /** Puts the test senders A and B on an active mixed-use 10DLC campaign of the tenant (G-01); idempotent. */
    public static void registerSenders() {
        if (sendersRegistered) {
            return;
        }
        putCampaign("CACME01", "MIXED", List.of("ACCOUNT_NOTIFICATION", "MARKETING"), "ACTIVE")
                .statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)));
        for (String sender : List.of(TestEvents.SENDER_A, TestEvents.SENDER_B)) {
            assignSender(sender, "CACME01");
        }
        sendersRegistered = true;
    }

    private static volatile boolean brandRegistered;

    /** Registers the test tenant's brand BACME01, approved (TCR-01); idempotent. */
    public static void registerBrand() {
        if (brandRegistered) {
            return;
        }
        given().contentType(ContentType.JSON)
                .body(Map.of("tenantId", "acme", "legalName", "Acme Corporation", "status", "APPROVED"))
                .put("/v1/registry/brands/BACME01")
                .then()
                .statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)));
        brandRegistered = true;
    }

    /** Registers (or replaces) a campaign of the test tenant's brand, registering the brand first. */
    public static ValidatableResponse putCampaign(
            String campaignId, String useCase, List<String> subUseCases, String status) {
        registerBrand();
        return given().contentType(ContentType.JSON)
                .body(Map.of(
                        "tenantId",
                        "acme",
                        "brandId",
                        "BACME01",
                        "useCase",
                        useCase,
                        "subUseCases",
                        subUseCases,
                        "status",
                        status,
                        "helpMessage",
                        "Acme: help at acme.example/help. Msg&data rates may apply. Reply STOP to end."))
                .put("/v1/registry/campaigns/" + campaignId)
                .then();
    }

    /** Puts a sending number on a campaign of the test tenant. */
    public static void assignSender(String sender, String campaignId) {
        given().contentType(ContentType.JSON)
                .body(Map.of("tenantId", "acme", "campaignId", campaignId))
                .put("/v1/registry/sender-numbers/" + sender)
                .then()
                .statusCode(200);
    }
}
