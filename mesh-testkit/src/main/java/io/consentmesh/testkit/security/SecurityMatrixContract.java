package io.consentmesh.testkit.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.testkit.Management;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The tenant-isolation matrix, generated from the service's own OpenAPI document: every operation × {no credential,
 * wrong role, another tenant's credential, the right credential} → the expected status. An operation without a
 * security requirement fails the build unless the service lists it as open by design (a webhook checked by its
 * provider's signature). A service's test extends this with its {@code @QuarkusTest @MeshTest} annotations.
 */
public abstract class SecurityMatrixContract {

    /** The tenant whose data the requests name. */
    protected static final String OWNER = "matrix-owner";
    /** Another tenant, holding every role: it must never act on {@link #OWNER}'s data. */
    protected static final String OTHER = "matrix-other";

    private static final String SCHEME = "meshBearer";
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");
    private static final Set<String> WRITE = Set.of("post", "put", "patch", "delete");

    /** Operations ("POST /webhooks/twilio/sms") that take no credential, each with the reason. */
    protected abstract Map<String, String> openByDesign();

    private record Operation(String method, String path, List<String> roles, boolean tenantInQuery, String bodyType) {
        String name() {
            return method.toUpperCase() + " " + path;
        }

        boolean namesTenant() {
            return path.contains("{tenantId}") || tenantInQuery || "json".equals(bodyType);
        }
    }

    @Test
    void everyOperationDeclaresWhoMayCallIt() {
        List<String> undeclared = new ArrayList<>();
        for (Operation operation : operations()) {
            if (operation.roles() == null && !openByDesign().containsKey(operation.name())) {
                undeclared.add(operation.name());
            } else if (operation.roles() != null && operation.roles().isEmpty()) {
                undeclared.add(operation.name() + " (a requirement without roles)");
            }
        }
        assertThat(undeclared)
                .as("operations with no security requirement in the OpenAPI document (add @RolesAllowed)")
                .isEmpty();
        assertThat(operations())
                .as("the OpenAPI document lists the service's operations")
                .isNotEmpty();
    }

    @Test
    void withoutACredentialEveryGuardedOperationAnswers401() {
        List<String> wrong = new ArrayList<>();
        for (Operation operation : guarded()) {
            Response response = send(
                    operation,
                    new RequestSpecBuilder()
                            .addHeader("Authorization", TenantCredentialFilter.ANONYMOUS)
                            .build());
            expect(wrong, operation, "no credential", response, 401);
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aCredentialWithoutTheRoleAnswers403() {
        List<String> wrong = new ArrayList<>();
        for (Operation operation : guarded()) {
            List<String> missing = new ArrayList<>(MeshCredentials.TENANT_ROLES);
            missing.removeAll(operation.roles());
            // A platform operation refuses even a tenant key holding every tenant role.
            String[] roles = missing.isEmpty()
                    ? MeshCredentials.TENANT_ROLES.toArray(String[]::new)
                    : new String[] {missing.get(0)};
            if (operation.roles().containsAll(MeshCredentials.TENANT_ROLES)) {
                continue; // every tenant role may call it: there is no wrong tenant role
            }
            Response response = send(operation, MeshCredentials.as(OWNER, roles));
            expect(wrong, operation, "wrong role " + String.join(",", roles), response, 403);
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void anotherTenantsCredentialIsRefused() {
        List<String> wrong = new ArrayList<>();
        for (Operation operation : guarded()) {
            List<String> tenantRoles = allowedTenantRoles(operation);
            if (tenantRoles.isEmpty() || !operation.namesTenant()) {
                continue; // platform operations have no tenant; by-id operations are tested where the ids exist
            }
            Response response = send(operation, MeshCredentials.as(OTHER, tenantRoles.toArray(String[]::new)));
            expect(wrong, operation, "other tenant", response, 403);
            if (response.statusCode() == 403 && !response.asString().contains("tenant-mismatch")) {
                wrong.add(operation.name() + " (other tenant): 403 but not tenant-mismatch: " + response.asString());
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theRightCredentialIsLetThrough() {
        List<String> wrong = new ArrayList<>();
        for (Operation operation : guarded()) {
            List<String> tenantRoles = allowedTenantRoles(operation);
            RequestSpecification credential = tenantRoles.isEmpty()
                    ? MeshCredentials.asPlatformAdmin()
                    : MeshCredentials.as(OWNER, tenantRoles.get(0));
            Response response = send(operation, credential);
            int status = response.statusCode();
            if (status == 401 || status == 403 || status >= 500) {
                wrong.add(operation.name() + " (right credential): " + status + " " + response.asString());
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static List<String> allowedTenantRoles(Operation operation) {
        List<String> allowed = new ArrayList<>(operation.roles());
        allowed.retainAll(MeshCredentials.TENANT_ROLES);
        return allowed;
    }

    private static void expect(List<String> wrong, Operation operation, String who, Response response, int status) {
        if (response.statusCode() != status) {
            wrong.add(operation.name() + " (" + who + "): expected " + status + ", got " + response.statusCode() + " "
                    + response.asString());
        } else if (!String.valueOf(response.contentType()).startsWith("application/problem+json")) {
            wrong.add(operation.name() + " (" + who + "): " + status + " without a problem+json body");
        }
    }

    /** The request an operation takes, naming {@link #OWNER} wherever it names a tenant. */
    private static Response send(Operation operation, RequestSpecification credential) {
        RequestSpecification request = given().spec(credential);
        Matcher params = PATH_PARAM.matcher(operation.path());
        StringBuilder path = new StringBuilder();
        while (params.find()) {
            String name = params.group(1);
            params.appendReplacement(
                    path, name.equals("tenantId") ? OWNER : "00000000-0000-4000-8000-00000000000" + name.length() % 10);
        }
        params.appendTail(path);
        if (operation.tenantInQuery()) {
            request.queryParam("tenantId", OWNER);
        }
        if (operation.bodyType() != null) {
            if ("json".equals(operation.bodyType())) {
                request.contentType("application/json").body("{\"tenantId\":\"" + OWNER + "\"}");
            } else {
                request.contentType(operation.bodyType()).body("tenantId=" + OWNER);
            }
        }
        return request.when().request(operation.method().toUpperCase(), path.toString());
    }

    private List<Operation> guarded() {
        return operations().stream().filter(o -> o.roles() != null).toList();
    }

    private static List<Operation> operations() {
        JsonPath document = JsonPath.from(Management.given()
                .accept("application/json")
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
        List<Operation> operations = new ArrayList<>();
        paths.forEach((path, methods) -> methods.forEach((method, spec) -> {
            if (!Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                return;
            }
            operations.add(new Operation(method, path, roles(spec), tenantInQuery(spec), bodyType(method, spec)));
        }));
        return operations;
    }

    @SuppressWarnings("unchecked")
    private static List<String> roles(Map<String, Object> spec) {
        Object security = spec.get("security");
        if (!(security instanceof List<?> requirements) || requirements.isEmpty()) {
            return null;
        }
        List<String> roles = new ArrayList<>();
        for (Object requirement : requirements) {
            Object scopes = ((Map<String, Object>) requirement).get(SCHEME);
            if (scopes instanceof List<?> list) {
                list.forEach(role -> roles.add(role.toString()));
            }
        }
        return roles;
    }

    @SuppressWarnings("unchecked")
    private static boolean tenantInQuery(Map<String, Object> spec) {
        Object parameters = spec.get("parameters");
        if (!(parameters instanceof List<?> list)) {
            return false;
        }
        return list.stream()
                .map(p -> (Map<String, Object>) p)
                .anyMatch(p -> "query".equals(p.get("in")) && "tenantId".equals(p.get("name")));
    }

    @SuppressWarnings("unchecked")
    private static String bodyType(String method, Map<String, Object> spec) {
        if (!WRITE.contains(method) || !(spec.get("requestBody") instanceof Map<?, ?> body)) {
            return null;
        }
        Object content = ((Map<String, Object>) body).get("content");
        if (!(content instanceof Map<?, ?> types) || types.isEmpty()) {
            return null;
        }
        Map<String, Object> byType = new LinkedHashMap<>((Map<String, Object>) types);
        String first = byType.keySet().iterator().next();
        return first.contains("json") ? "json" : first;
    }
}
