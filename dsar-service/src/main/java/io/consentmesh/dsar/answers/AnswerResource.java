package io.consentmesh.dsar.answers;

import io.consentmesh.dsar.requests.DsarRequests;
import io.consentmesh.security.Roles;
import io.consentmesh.security.caller.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/dsar/requests/{id}/answer")
@Produces(MediaType.APPLICATION_JSON)
public class AnswerResource {

    private final DsarRequests requests;
    private final AnswerLetters letters;
    private final SecurityIdentity identity;

    AnswerResource(DsarRequests requests, AnswerLetters letters, SecurityIdentity identity) {
        this.requests = requests;
        this.letters = letters;
        this.identity = identity;
    }

    @GET
    @Operation(
            summary = "The answer to the person, in their language (or ?language=en|es): what was found and done, the"
                    + " exceptions, the recipients, their complaint or appeal; or the denial and its basis")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<AnswerLetters.Letter> letter(@PathParam("id") UUID id, @QueryParam("language") String language) {
        return requests.get(Caller.of(identity).requireTenant(), id).map(request -> letters.render(request, language));
    }
}
