package io.consentmesh.consent;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.Map;

/** The consent-service API as the tenant's systems call it, for tests. */
public final class ConsentApi {

    private ConsentApi() {}

    /** Records express written SMS consent captured on the tenant's web form a minute ago. */
    public static void recordSmsOptIn(String person) {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "tenantId", "acme",
                        "phoneNumber", person,
                        "channel", "SMS",
                        "level", "EXPRESS_WRITTEN",
                        "source", "WEB_FORM",
                        "disclosureText",
                                "By checking this box you agree to receive texts from Acme. Reply STOP to end.",
                        "disclosureVersion", "web-2026-10",
                        "capturedAt", Instant.now().minusSeconds(60).toString(),
                        "ipAddress", "203.0.113.7",
                        "userAgent", "Mozilla/5.0"))
                .post("/v1/consents")
                .then()
                .statusCode(201);
    }

    /** Asks whether the tenant may contact the person on the channel from the sender; expects a 200 decision. */
    public static ValidatableResponse authorize(String person, String channel, String sender) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("tenantId", "acme", "channel", channel, "from", sender, "to", person))
                .post("/v1/authorizations")
                .then()
                .statusCode(200);
    }
}
