package io.consentmesh.testkit.security;

import static io.restassured.RestAssured.given;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials for tests, obtained the documented way: the installation's bootstrap platform-admin key (handed to every
 * service under test by {@code MeshInfrastructureResource}) makes tenant API keys through the admin API
 * ({@code POST /v1/admin/tenants/{tenantId}/api-keys}, enabled in every service's test profile). Keys live in the
 * shared database for the whole test JVM, so each tenant and role set is made once.
 */
public final class MeshCredentials {

    /** Test-only; never valid anywhere else. */
    public static final String PLATFORM_ADMIN = "mk_00000000000000000000.test-only-platform-admin-secret-0000000000";

    public static final String SENDER = "sender";
    public static final String PRIVACY_OPS = "privacy-ops";
    public static final String REGISTRY_ADMIN = "registry-admin";
    public static final String AUDITOR = "auditor";
    public static final String DSAR_INTAKE = "dsar-intake";
    public static final List<String> TENANT_ROLES = List.of(SENDER, PRIVACY_OPS, REGISTRY_ADMIN, AUDITOR, DSAR_INTAKE);

    private static final Map<String, String> KEYS = new ConcurrentHashMap<>();

    private MeshCredentials() {}

    /** An API key of {@code tenant} with exactly these roles (every tenant role when none are named). */
    public static String apiKey(String tenant, String... roles) {
        List<String> wanted = roles.length == 0 ? TENANT_ROLES : List.copyOf(new TreeSet<>(Arrays.asList(roles)));
        return KEYS.computeIfAbsent(tenant + "|" + String.join(",", wanted), k -> create(tenant, wanted));
    }

    /** A request carrying {@code tenant}'s key with these roles (all tenant roles when none are named). */
    public static RequestSpecification as(String tenant, String... roles) {
        return new RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + apiKey(tenant, roles))
                .build();
    }

    /** A request carrying the bootstrap platform-admin key. */
    public static RequestSpecification asPlatformAdmin() {
        return new RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + PLATFORM_ADMIN)
                .build();
    }

    private static String create(String tenant, List<String> roles) {
        return given().header("Authorization", "Bearer " + PLATFORM_ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "test " + String.join("+", roles), "roles", roles))
                .when()
                .post("/v1/admin/tenants/{tenantId}/api-keys", tenant)
                .then()
                .statusCode(201)
                .extract()
                .path("apiKey");
    }
}
