package io.consentmesh.ingest;

import static io.restassured.RestAssured.given;

import io.consentmesh.testkit.security.MeshCredentials;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;

/** Registers provider accounts and their credentials through the operator API, as a platform administrator would. */
public final class ProviderAccountsAdmin {

    private ProviderAccountsAdmin() {}

    /** @param secrets every credential to add, oldest first (more than one models a rotation underway) */
    public static void register(String provider, String accountId, String tenantId, List<String> secrets) {
        given().spec(MeshCredentials.asPlatformAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("tenantId", tenantId))
                .put("/v1/admin/provider-accounts/" + provider + "/" + accountId)
                .then()
                .statusCode(204);
        for (String secret : secrets) {
            given().spec(MeshCredentials.asPlatformAdmin())
                    .contentType(ContentType.JSON)
                    .body(Map.of("secret", secret))
                    .post("/v1/admin/provider-accounts/" + provider + "/" + accountId + "/credentials")
                    .then()
                    .statusCode(201);
        }
    }
}
