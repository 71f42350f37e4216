package io.consentmesh.dsar.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.security.MeshCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * API keys end to end, through the admin API and the mechanism every service runs (mesh-security): made, used,
 * listed, rotated with a grace period, expired and revoked; the secret kept only as a slow hash; every refusal the
 * same 401 problem+json that names no secret.
 */
@QuarkusTest
@MeshTest
class ApiKeysEndToEndTest {

    private static final String TENANT = "keys-acme";
    private static final String KEYS = "/v1/admin/tenants/" + TENANT + "/api-keys";
    /** An operation privacy-ops may call that needs no data: an unknown request answers 404 once authenticated. */
    private static final String PROBE = "/v1/dsar/requests/" + UUID.randomUUID();

    @Inject
    Pool database;

    @Test
    void aNewKeyWorksAndOnlyASlowHashOfItsSecretIsStored() {
        Response made = make(Map.of("name", "web form", "roles", List.of("privacy-ops")));
        String apiKey = made.path("apiKey");
        String keyId = made.path("keyId");
        assertThat(apiKey).startsWith(keyId + ".");
        String secret = apiKey.substring(keyId.length() + 1);

        probe(apiKey).then().statusCode(404);

        String stored = database.preparedQuery("SELECT secret_hash FROM mesh_security.api_key WHERE key_id = $1")
                .execute(Tuple.of(keyId))
                .await()
                .atMost(Duration.ofSeconds(5))
                .iterator()
                .next()
                .getString(0);
        assertThat(stored).startsWith("pbkdf2-sha256$").doesNotContain(secret);

        given().spec(MeshCredentials.asPlatformAdmin())
                .get(KEYS)
                .then()
                .statusCode(200)
                .body("find { it.keyId == '" + keyId + "' }.status", equalTo("ACTIVE"))
                .body("find { it.keyId == '" + keyId + "' }.roles", equalTo(List.of("privacy-ops")))
                .body("apiKey", not(hasItem(apiKey)))
                .body(not(org.hamcrest.Matchers.containsString(secret)));
    }

    @Test
    void aRotatedKeyKeepsWorkingForItsGracePeriodBesideTheNewOne() {
        Response old = make(Map.of("name", "scheduler", "roles", List.of("privacy-ops")));
        Response rotated = given().spec(MeshCredentials.asPlatformAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("graceSeconds", 3600))
                .post(KEYS + "/" + old.path("keyId") + "/rotation");
        rotated.then().statusCode(201).body("roles", equalTo(List.of("privacy-ops")));

        probe(old.path("apiKey")).then().statusCode(404);
        probe(rotated.path("apiKey")).then().statusCode(404);

        Response again = given().spec(MeshCredentials.asPlatformAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("graceSeconds", 0))
                .post(KEYS + "/" + rotated.path("keyId") + "/rotation");
        again.then().statusCode(201);
        refused(probe(rotated.path("apiKey")));
        probe(again.path("apiKey")).then().statusCode(404);
    }

    @Test
    void aRevokedKeyIsRefusedAtOnce() {
        Response made = make(Map.of("name", "leaked", "roles", List.of("privacy-ops")));
        probe(made.path("apiKey")).then().statusCode(404);

        given().spec(MeshCredentials.asPlatformAdmin())
                .delete(KEYS + "/" + made.path("keyId"))
                .then()
                .statusCode(204);
        refused(probe(made.path("apiKey")));
        given().spec(MeshCredentials.asPlatformAdmin())
                .delete(KEYS + "/" + made.path("keyId"))
                .then()
                .statusCode(404);
    }

    @Test
    void anExpiredKeyIsRefused() throws InterruptedException {
        // Long enough to be made and used while the service is still warming up; then waited out.
        Instant expires = Instant.now().plusSeconds(6);
        Response made =
                make(Map.of("name", "short-lived", "roles", List.of("privacy-ops"), "expiresAt", expires.toString()));
        probe(made.path("apiKey")).then().statusCode(404);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expires).toMillis()) + 500);
        refused(probe(made.path("apiKey")));
    }

    @Test
    void anUnknownKeyAWrongSecretAndATokenOfNobodyAllGetTheSame401() {
        Response made = make(Map.of("name", "real", "roles", List.of("privacy-ops")));
        String keyId = made.path("keyId");
        String wrongSecret = keyId + ".wrong-secret-wrong-secret-wrong-secret-000";
        String unknownKey = "mk_0123456789abcdef0123.some-secret-that-nobody-was-ever-given-0";
        String notAJwt = "not.a.jwt";
        List<String> bodies = List.of(wrongSecret, unknownKey, notAJwt).stream()
                .map(credential -> {
                    Response answer = probe(credential);
                    refused(answer);
                    assertThat(answer.asString()).doesNotContain("wrong-secret").doesNotContain("nobody");
                    return answer.asString();
                })
                .toList();
        assertThat(bodies).containsOnly(bodies.get(0));
    }

    @Test
    void onlyAPlatformAdministratorManagesKeys() {
        given().spec(MeshCredentials.as(TENANT))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "escalation", "roles", List.of("privacy-ops")))
                .post(KEYS)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void aKeyRequestThatMakesNoSenseIsRefusedWith400() {
        for (Map<String, Object> body : List.<Map<String, Object>>of(
                Map.of("name", "no roles", "roles", List.of()),
                Map.of("name", "platform", "roles", List.of("platform-admin")),
                Map.of("name", "unknown role", "roles", List.of("root")),
                Map.of("roles", List.of("auditor")),
                Map.of("name", "past", "roles", List.of("auditor"), "expiresAt", "2020-01-01T00:00:00Z"))) {
            given().spec(MeshCredentials.asPlatformAdmin())
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post(KEYS)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
    }

    private static Response make(Map<String, Object> body) {
        Response made = given().spec(MeshCredentials.asPlatformAdmin())
                .contentType(ContentType.JSON)
                .body(body)
                .post(KEYS);
        made.then().statusCode(201).body("status", equalTo("ACTIVE"));
        return made;
    }

    private static Response probe(String credential) {
        return given().header("Authorization", "Bearer " + credential).get(PROBE);
    }

    private static void refused(Response response) {
        response.then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("https://consentmesh.io/problems/unauthenticated"));
    }
}
