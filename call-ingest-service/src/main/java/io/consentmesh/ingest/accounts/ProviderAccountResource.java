package io.consentmesh.ingest.accounts;

import io.consentmesh.contracts.Required;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Operator API: which tenant a provider account belongs to, and its signing credentials. */
@Path("/v1/admin/provider-accounts/{provider}/{accountId}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PLATFORM_ADMIN)
public class ProviderAccountResource {

    public record AccountRegistration(TenantId tenantId) {
        public AccountRegistration {
            Required.value(tenantId, "tenantId");
        }
    }

    /**
     * @param secret the provider's auth token or public key, or the agent runtime's key secret; stored sealed or
     *     hashed, never returned
     * @param validUntil when this secret stops being accepted; null for no end
     */
    public record NewCredential(String secret, Instant validUntil) {
        public NewCredential {
            Required.text(secret, "secret");
        }

        /** A record would print its secret wherever it is logged. */
        @Override
        public String toString() {
            return "NewCredential[secret=***, validUntil=" + validUntil + "]";
        }
    }

    private final ProviderAccounts accounts;

    ProviderAccountResource(ProviderAccounts accounts) {
        this.accounts = accounts;
    }

    @PUT
    @Operation(summary = "Register a provider account for a tenant")
    public Uni<Response> register(
            @PathParam("provider") String provider,
            @PathParam("accountId") String accountId,
            AccountRegistration body) {
        if (body == null) {
            throw ProblemException.invalidRequest("a JSON body is required");
        }
        return accounts.register(providerOf(provider), accountId, body.tenantId())
                .replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/credentials")
    @Operation(summary = "Add a signing credential (the previous ones stay valid until retired)")
    public Uni<Response> addCredential(
            @PathParam("provider") String provider, @PathParam("accountId") String accountId, NewCredential body) {
        if (body == null) {
            throw ProblemException.invalidRequest("a JSON body is required");
        }
        return accounts.addCredential(providerOf(provider), accountId, body.secret(), body.validUntil())
                .map(id -> id.map(created -> Response.status(201)
                                .entity(Map.of("credentialId", created))
                                .build())
                        .orElseThrow(() -> notFound()));
    }

    @DELETE
    @Path("/credentials/{credentialId}")
    @Operation(summary = "Retire a signing credential now")
    public Uni<Response> retire(
            @PathParam("provider") String provider,
            @PathParam("accountId") String accountId,
            @PathParam("credentialId") UUID credentialId) {
        return accounts.retireCredential(providerOf(provider), accountId, credentialId)
                .map(retired -> {
                    if (!retired) {
                        throw notFound();
                    }
                    return Response.noContent().build();
                });
    }

    private static Provider providerOf(String name) {
        try {
            return Provider.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidRequest("provider must be one of twilio, telnyx, plivo, agent_runtime");
        }
    }

    private static ProblemException notFound() {
        return new ProblemException(
                Problem.of(404, "not-found", "Not found", "no such provider account or credential"));
    }
}
