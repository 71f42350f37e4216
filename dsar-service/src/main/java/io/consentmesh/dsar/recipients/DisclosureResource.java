package io.consentmesh.dsar.recipients;

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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The recipients log: disclosures of a person's data to third parties (DSR-03), recorded and listed. */
@Path("/v1/dsar/recipients")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DisclosureResource {

    private final Disclosures disclosures;
    private final SecurityIdentity identity;

    DisclosureResource(Disclosures disclosures, SecurityIdentity identity) {
        this.disclosures = disclosures;
        this.identity = identity;
    }

    @POST
    @Operation(
            summary = "Record a disclosure of a person's data to a recipient: 201 when new, 200 when its reference was"
                    + " recorded already")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<Response> record(NewDisclosure disclosure) {
        if (disclosure == null) {
            throw ProblemException.invalidRequest("a JSON body is required");
        }
        return disclosures.record(disclosure, Caller.of(identity).principal()).map(recorded -> Response.status(
                        recorded.created() ? 201 : 200)
                .entity(recorded.disclosure())
                .build());
    }

    @GET
    @Operation(summary = "A person's disclosures to recipients, newest first")
    @RolesAllowed({Roles.PRIVACY_OPS, Roles.AUDITOR})
    public Uni<List<Disclosure>> list(
            @QueryParam("tenantId") String tenantId, @QueryParam("phoneNumber") String phoneNumber) {
        if (tenantId == null || phoneNumber == null || phoneNumber.isBlank()) {
            throw ProblemException.invalidRequest("tenantId and phoneNumber are required");
        }
        return disclosures.of(Caller.of(identity).requireTenant(), phoneNumber);
    }
}
