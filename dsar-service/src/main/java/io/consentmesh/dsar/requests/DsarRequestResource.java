package io.consentmesh.dsar.requests;

import io.consentmesh.contracts.http.Problem;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/dsar/requests")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DsarRequestResource {

    private final DsarRequests requests;
    private final SecurityIdentity identity;

    DsarRequestResource(DsarRequests requests, SecurityIdentity identity) {
        this.requests = requests;
        this.identity = identity;
    }

    @POST
    @Operation(
            summary = "Take a data-subject request: stored with its clock, tasks to every service (201); the person's"
                    + " open request of the same type is joined instead (200)")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<Response> open(NewDsarRequest request) {
        if (request == null) {
            throw ProblemException.invalidRequest("a JSON body is required");
        }
        // the person's open request of the same type is joined, not doubled: 200 with it
        return requests.open(request)
                .map(opened -> opened.created()
                        ? Response.created(URI.create(
                                        "/v1/dsar/requests/" + opened.request().id()))
                                .entity(opened.request())
                                .build()
                        : Response.ok(opened.request()).build());
    }

    /** What privacy-ops says when it extends a request's clock. */
    public record ExtensionRequest(String reason) {}

    @POST
    @Path("/{id}/extension")
    @Operation(
            summary = "Extend a request's clock once, as its law allows, having told the person why (before the first"
                    + " period ends)")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<DsarRequestView> extend(@PathParam("id") UUID id, ExtensionRequest extension) {
        if (extension == null) {
            throw ProblemException.invalidRequest("a JSON body with the reason is required");
        }
        Caller caller = Caller.of(identity);
        return requests.extend(caller.requireTenant(), id, extension.reason(), caller.principal())
                .map(DsarRequestResource::orNotFound);
    }

    /** How privacy-ops tells the mesh that the person was told their request was received. */
    public record ConfirmationRequest(ConfirmationChannel channel) {}

    @POST
    @Path("/{id}/confirmation")
    @Operation(
            summary = "Record that the person was told their request was received (CCPA: within 10 business days);"
                    + " the first confirmation stands")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<DsarRequestView> confirm(@PathParam("id") UUID id, ConfirmationRequest confirmation) {
        if (confirmation == null) {
            throw ProblemException.invalidRequest("a JSON body with the channel is required");
        }
        Caller caller = Caller.of(identity);
        return requests.confirm(caller.requireTenant(), id, confirmation.channel(), caller.principal())
                .map(DsarRequestResource::orNotFound);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A request, its clock and the answers received so far")
    @RolesAllowed({Roles.PRIVACY_OPS, Roles.AUDITOR})
    public Uni<DsarRequestView> find(@PathParam("id") UUID id) {
        return requests.find(Caller.of(identity).requireTenant(), id).map(DsarRequestResource::orNotFound);
    }

    /** Another tenant's request is as unknown as one that never existed. */
    private static DsarRequestView orNotFound(java.util.Optional<DsarRequestView> found) {
        return found.orElseThrow(
                () -> new ProblemException(Problem.of(404, "not-found", "Not found", "no such data-subject request")));
    }
}
