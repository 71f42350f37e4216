package io.consentmesh.consent.authorization;

import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.security.Roles;
import io.consentmesh.security.accesslog.NotAccessLogged;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/authorizations")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthorizationResource {

    private final Authorizer authorizer;

    AuthorizationResource(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    @POST
    @Operation(summary = "May the tenant contact this person now? ALLOW or DENY with reasons and evidence ids")
    @RolesAllowed(Roles.SENDER)
    @NotAccessLogged("every decision is itself logged, with its caller, in the decision log")
    public Uni<AuthorizationDecision> authorize(AuthorizationRequest request) {
        if (request == null) {
            throw ProblemException.invalidRequest("a JSON body is required");
        }
        return authorizer.authorize(request);
    }
}
