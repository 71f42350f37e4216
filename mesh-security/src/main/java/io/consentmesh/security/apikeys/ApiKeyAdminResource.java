package io.consentmesh.security.apikeys;

import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.security.Roles;
import io.quarkus.resteasy.reactive.server.EndpointDisabled;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Tenants' API keys, for platform administrators: make (the secret is in this answer and nowhere else), list,
 * rotate (the old key stays valid for a grace period) and revoke. Served by one service of the installation
 * ({@code mesh.security.admin-api=true}, consent-service); every service accepts the keys.
 */
@Path("/v1/admin/tenants/{tenantId}/api-keys")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PLATFORM_ADMIN)
@EndpointDisabled(name = "mesh.security.admin-api", stringValue = "false", disableIfMissing = true)
public class ApiKeyAdminResource {

    private static final Set<String> TENANT_ROLES = Roles.TENANT;
    private static final Duration MAX_GRACE = Duration.ofDays(30);

    /** @param expiresAt when the key stops working; null for no end (rotate or revoke it instead) */
    public record NewKey(String name, List<String> roles, Instant expiresAt) {
        public NewKey {
            if (name == null || name.isBlank() || name.length() > 100) {
                throw new IllegalArgumentException("name is required (1-100 characters)");
            }
            if (roles == null || roles.isEmpty()) {
                throw new IllegalArgumentException("roles must name at least one of " + TENANT_ROLES);
            }
            for (String role : roles) {
                if (!TENANT_ROLES.contains(role)) {
                    throw new IllegalArgumentException("roles must be among " + TENANT_ROLES + " (platform-admin keys"
                            + " belong to no tenant and come from configuration)");
                }
            }
            roles = List.copyOf(new java.util.TreeSet<>(roles));
        }
    }

    /** @param graceSeconds how long the old key keeps working (0 to 30 days); default one day */
    public record Rotation(Long graceSeconds, Instant expiresAt) {}

    private final ApiKeys keys;
    private final SecurityIdentity identity;

    ApiKeyAdminResource(ApiKeys keys, SecurityIdentity identity) {
        this.keys = keys;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Make an API key for a tenant; its secret is shown once, in this answer")
    public Uni<Response> create(@PathParam("tenantId") String tenantId, NewKey body) {
        String tenant = tenant(tenantId);
        if (body == null) {
            throw ProblemException.invalidRequest("a JSON body is required");
        }
        requireFuture(body.expiresAt());
        return keys.create(tenant, body.name(), body.roles(), body.expiresAt(), who())
                .map(issued -> Response.status(201).entity(issuedView(issued)).build());
    }

    @GET
    @Operation(summary = "List a tenant's API keys (never their secrets)")
    public Uni<List<Map<String, Object>>> list(@PathParam("tenantId") String tenantId) {
        return keys.list(tenant(tenantId))
                .map(all -> all.stream().map(ApiKeyAdminResource::view).toList());
    }

    @POST
    @Path("/{keyId}/rotation")
    @Operation(summary = "Replace a key: a new key with the same roles; the old one works until the grace period ends")
    public Uni<Response> rotate(
            @PathParam("tenantId") String tenantId, @PathParam("keyId") String keyId, Rotation body) {
        String tenant = tenant(tenantId);
        Duration grace = Duration.ofSeconds(body == null || body.graceSeconds() == null ? 86_400 : body.graceSeconds());
        if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            throw ProblemException.invalidRequest("graceSeconds must be between 0 and " + MAX_GRACE.toSeconds());
        }
        Instant expiresAt = body == null ? null : body.expiresAt();
        requireFuture(expiresAt);
        return keys.rotate(tenant, keyId, grace, expiresAt, who()).map(issued -> Response.status(201)
                .entity(issuedView(issued.orElseThrow(ApiKeyAdminResource::notFound)))
                .build());
    }

    @DELETE
    @Path("/{keyId}")
    @Operation(summary = "Revoke a key now")
    public Uni<Response> revoke(@PathParam("tenantId") String tenantId, @PathParam("keyId") String keyId) {
        return keys.revoke(tenant(tenantId), keyId).map(revoked -> {
            if (!revoked) {
                throw notFound();
            }
            return Response.noContent().build();
        });
    }

    private String who() {
        return identity.getPrincipal().getName();
    }

    private static String tenant(String tenantId) {
        try {
            return new TenantId(tenantId).value();
        } catch (RuntimeException e) {
            throw ProblemException.invalidRequest("tenantId must be a lower-case slug of 1-63 characters");
        }
    }

    private static void requireFuture(Instant expiresAt) {
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw ProblemException.invalidRequest("expiresAt must be in the future");
        }
        if (expiresAt != null && expiresAt.isAfter(Instant.parse("3000-01-01T00:00:00Z"))) {
            throw ProblemException.invalidRequest("expiresAt must be before the year 3000");
        }
    }

    private static ProblemException notFound() {
        return new ProblemException(
                Problem.of(404, "not-found", "Not found", "no such active API key for this tenant"));
    }

    private static Map<String, Object> issuedView(ApiKeys.Issued issued) {
        Map<String, Object> view = view(issued.key());
        view.put("apiKey", issued.token().presentable());
        return view;
    }

    private static Map<String, Object> view(ApiKey key) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("keyId", key.keyId());
        view.put("tenantId", key.tenantId());
        view.put("name", key.name());
        view.put("roles", key.roles());
        view.put("status", key.status(Instant.now()));
        view.put("createdAt", key.createdAt());
        view.put("createdBy", key.createdBy());
        view.put("expiresAt", key.expiresAt());
        view.put("revokedAt", key.revokedAt());
        view.put("rotatedTo", key.rotatedTo());
        return view;
    }
}
