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
}
