package io.consentmesh.dsar;

import java.util.HashMap;
import java.util.Map;

/**
 * Request bodies of tests that are not about verification: privacy-ops attests the person's identity at intake, so the
 * request goes to every service at once.
 */
public final class Attested {

    public static final Map<String, Object> ATTESTATION = Map.of(
            "evidence",
            "caller answered the account security questions on a recorded line",
            "assurance",
            "REASONABLY_HIGH");

    private Attested() {}

    /** {@code body} with the attestation added. */
    public static Map<String, Object> request(Map<String, ?> body) {
        Map<String, Object> attested = new HashMap<>(body);
        attested.put("attestation", ATTESTATION);
        return attested;
    }

    public static Map<String, Object> request(String tenant, String phoneNumber, String type) {
        return request(Map.of("tenantId", tenant, "phoneNumber", phoneNumber, "type", type));
    }

    /** Opens an attested request of {@code type} for the person as the tenant's privacy-ops; returns its id. */
    public static String open(String tenant, String phoneNumber, String type) {
        return io.restassured.RestAssured.given()
                .contentType(io.restassured.http.ContentType.JSON)
                .body(request(tenant, phoneNumber, type))
                .post("/v1/dsar/requests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
