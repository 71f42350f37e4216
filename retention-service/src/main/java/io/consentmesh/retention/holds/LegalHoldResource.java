package io.consentmesh.retention.holds;

import io.consentmesh.contracts.http.Problem;
import io.consentmesh.retention.http.Tenants;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.security.Roles;
import io.consentmesh.security.caller.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/retention/holds")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LegalHoldResource {

    private final LegalHolds holds;
    private final SecurityIdentity identity;

    LegalHoldResource(LegalHolds holds, SecurityIdentity identity) {
        this.holds = holds;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Place a legal hold: the items in its scope are never deleted while it is active")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<Response> place(NewLegalHold hold) {
        if (hold == null) {
            throw ProblemException.invalidRequest("a JSON body is required");
        }
        Tenants.require(hold.tenantId());
        return holds.place(hold, Caller.of(identity).principal())
                .map(view -> Response.created(URI.create("/v1/retention/holds/" + view.id()))
                        .entity(view)
                        .build());
    }

    @GET
    @Operation(summary = "The tenant's legal holds, newest first (at most 1,000); active=true for the active ones")
    @RolesAllowed({Roles.PRIVACY_OPS, Roles.AUDITOR})
    public Uni<List<LegalHoldView>> list(
            @QueryParam("tenantId") String tenantId, @QueryParam("active") boolean activeOnly) {
        return holds.ofTenant(Tenants.require(tenantId), activeOnly);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One legal hold")
    @RolesAllowed({Roles.PRIVACY_OPS, Roles.AUDITOR})
    public Uni<LegalHoldView> find(@PathParam("id") String id) {
        return holds.find(Caller.of(identity).requireTenant(), uuid(id));
    }

    @POST
    @Path("/{id}/release")
    @Operation(summary = "Release a hold: its items whose date has passed are deleted at once (unless another holds)")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<LegalHoldView> release(@PathParam("id") String id, HoldRelease release) {
        if (release == null) {
            throw ProblemException.invalidRequest("a JSON body is required");
        }
        return holds.release(
                Caller.of(identity).requireTenant(),
                uuid(id),
                release,
                Caller.of(identity).principal());
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of(404, "not-found", "Not found", "no such legal hold"));
        }
    }
}
