package io.consentmesh.dsar;

import static io.restassured.RestAssured.given;

import io.consentmesh.testkit.security.MeshCredentials;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;

/** Requests as the tenant's web form, SMS keyword handler or agent runtime makes them: the dsar-intake role. */
public final class PersonIntake {

    private PersonIntake() {}

    public static ValidatableResponse open(Map<String, ?> body) {
        return given().spec(MeshCredentials.as("acme", MeshCredentials.DSAR_INTAKE))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/dsar/requests")
                .then();
    }
    /** A request body as the person's web form (or other channel) sends it, with any further fields as name, value. */
    public static Map<String, Object> request(String phoneNumber, String type, String source, String... more) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("tenantId", "acme");
        body.put("phoneNumber", phoneNumber);
        body.put("type", type);
        body.put("source", source);
        for (int i = 0; i < more.length; i += 2) {
            body.put(more[i], more[i + 1]);
        }
        return body;
    }
}
