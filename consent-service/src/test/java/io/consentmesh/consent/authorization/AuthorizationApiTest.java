package io.consentmesh.consent.authorization;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.consentmesh.testkit.MeshTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad requests get a clear problem+json that never echoes what was sent. */
@QuarkusTest
@MeshTest
class AuthorizationApiTest {

    @Test
    void rejectsANumberThatIsNotAPhoneNumberWithoutEchoingIt() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "tenantId",
                        "acme",
                        "channel",
                        "SMS",
                        "from",
                        "+14155550101",
                        "to",
                        "555-HELLO-99",
                        "contentClass",
                        "INFORMATIONAL"))
                .when()
                .post("/v1/authorizations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://consentmesh.io/problems/invalid-request"))
                .body("detail", containsString("to: "))
                .body("detail", not(containsString("HELLO")));
    }

    @Test
    void rejectsAMissingFieldNamingIt() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "tenantId", "acme", "from", "+14155550101", "to", "+14155550100", "contentClass", "MARKETING"))
                .when()
                .post("/v1/authorizations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("channel is required"));
    }

    @Test
    void rejectsAnUnknownChannelAndBrokenJson() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "tenantId",
                        "acme",
                        "channel",
                        "PIGEON",
                        "from",
                        "+14155550101",
                        "to",
                        "+14155550100",
                        "contentClass",
                        "INFORMATIONAL"))
                .post("/v1/authorizations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("field 'channel' is missing or has the wrong type"));
        given().contentType(ContentType.JSON)
                .body("{\"tenantId\": ")
                .post("/v1/authorizations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    /** The tenant comes from the credential: a body naming any other tenant, well-formed or not, is refused first. */
    @Test
    void refusesATenantIdThatIsNotTheCredentialsEvenIfMalformed() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "tenantId",
                        "Acme Corp",
                        "channel",
                        "SMS",
                        "from",
                        "+14155550101",
                        "to",
                        "+14155550100",
                        "contentClass",
                        "INFORMATIONAL"))
                .post("/v1/authorizations")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", containsString("tenant-mismatch"));
    }
}
