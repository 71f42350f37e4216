package io.consentmesh.dsar.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.consentmesh.testkit.KeycloakResource;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.OidcTokens;
import io.consentmesh.testkit.TestNumbers;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens from a real identity provider: Keycloak (from Maven Central, started by the testkit) issues
 * client-credentials tokens whose {@code tenant_id} and {@code mesh_roles} claims decide what the caller may do; every
 * token that is not exactly right — another audience, another issuer, a foreign key, a changed claim, expired — is the
 * same 401 problem+json as a bad API key.
 */
@QuarkusTest
@MeshTest
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
class OidcBearerTokensTest {

    @Test
    void aRealTokenActsForItsTenantWithItsRoles() {
        OidcTokens tokens = KeycloakResource.tokens();
        String privacyOps = tokens.clientCredentialsToken("acme-privacy-ops");
        String id = given().auth()
                .oauth2(privacyOps)
                .contentType(ContentType.JSON)
                .body(Map.of("tenantId", "acme", "phoneNumber", TestNumbers.randomUs(), "type", "ACCESS"))
                .post("/v1/dsar/requests")
                .then()
                .statusCode(201)
                .body("tenantId", equalTo("acme"))
                .extract()
                .path("id");
        given().auth().oauth2(privacyOps).get("/v1/dsar/requests/" + id).then().statusCode(200);

        // The tenant is the token's: another tenant's token does not see the request, nor may it name acme.
        String globex = tokens.clientCredentialsToken("globex-privacy-ops");
        given().auth().oauth2(globex).get("/v1/dsar/requests/" + id).then().statusCode(404);
        given().auth()
                .oauth2(globex)
                .contentType(ContentType.JSON)
                .body(Map.of("tenantId", "acme", "phoneNumber", TestNumbers.randomUs(), "type", "ACCESS"))
                .post("/v1/dsar/requests")
                .then()
                .statusCode(403)
                .body("type", equalTo("https://consentmesh.io/problems/tenant-mismatch"));

        // The roles are the token's: a sender may not read DSAR data.
        given().auth()
                .oauth2(tokens.clientCredentialsToken("acme-sender"))
                .get("/v1/dsar/requests/" + id)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");

        // What the token did is in the security audit log, as an OIDC caller.
        given().auth()
                .oauth2(privacyOps) // acme-privacy-ops also holds auditor
                .get("/v1/audit/access-log")
                .then()
                .statusCode(200)
                .body("records.find { it.dataSubject == 'id=" + id + "' }.credential", equalTo("oidc"));
    }

    @Test
    void everyTokenThatIsNotExactlyRightIs401() {
        OidcTokens tokens = KeycloakResource.tokens();
        String probe = "/v1/dsar/requests/" + UUID.randomUUID();
        Map<String, String> wrong = Map.of(
                "wrong audience", tokens.clientCredentialsToken("acme-wrong-audience"),
                "another issuer", tokens.fromOtherIssuer("acme-privacy-ops"),
                "a foreign signing key", tokens.signedByForeignKey("acme-privacy-ops"),
                "a tampered signature", tokens.withTamperedSignature("acme-privacy-ops"),
                "a changed tenant claim", tokens.withTamperedClaims("acme-privacy-ops", "tenant_id", "globex"),
                "expired", tokens.expiredToken("acme-privacy-ops"));
        wrong.forEach((what, token) -> {
            Response answer = given().auth().oauth2(token).get(probe);
            answer.then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://consentmesh.io/problems/unauthenticated"));
            if (answer.asString().contains(token.substring(0, 20))) {
                throw new AssertionError(what + ": the error body echoes the token");
            }
        });
        // The right token on the same probe is let through (404: no such request).
        given().auth()
                .oauth2(tokens.clientCredentialsToken("acme-privacy-ops"))
                .get(probe)
                .then()
                .statusCode(404);
    }
}
