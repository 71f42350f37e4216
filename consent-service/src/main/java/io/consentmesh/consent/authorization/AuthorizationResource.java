package io.consentmesh.consent.authorization;

import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.runtime.tracing.Traces;
import io.consentmesh.security.Roles;
import io.consentmesh.security.accesslog.NotAccessLogged;
import io.opentelemetry.api.trace.Span;
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
    private final Traces traces;

    AuthorizationResource(Authorizer authorizer, Traces traces) {
        this.authorizer = authorizer;
        this.traces = traces;
    }

    @POST
    @Operation(summary = "May the tenant contact this person now? ALLOW or DENY with reasons and evidence ids")
    @RolesAllowed(Roles.SENDER)
    @NotAccessLogged("every decision is itself logged, with its caller, in the decision log")
    public Uni<AuthorizationDecision> authorize(AuthorizationRequest request) {
        if (request == null) {
            throw ProblemException.invalidRequest("a JSON body is required");
        }
        Span span = traces.requestSpan();
        // the decision on the trace of the request (the tenant's agent runtime may have started it)
        return authorizer.authorize(request).invoke(decision -> span.setAttribute(
                        "mesh.decision.outcome", decision.outcome().name())
                .setAttribute("mesh.decision.id", String.valueOf(decision.decisionId())));
    }
}
