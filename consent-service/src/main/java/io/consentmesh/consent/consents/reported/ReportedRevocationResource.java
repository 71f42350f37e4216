package io.consentmesh.consent.consents.reported;

import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/revocations/reports")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ReportedRevocationResource {

    private final ReportedRevocations reported;

    ReportedRevocationResource(ReportedRevocations reported) {
        this.reported = reported;
    }

    @POST
    @Operation(
            summary = "Record a revocation received by e-mail, web form, letter, in person or on a call to staff:"
                    + " ledger evidence, enforced brand-wide at once (201), or found already recorded under the same"
                    + " Idempotency-Key (200)")
    @RolesAllowed({Roles.SENDER, Roles.PRIVACY_OPS})
    public Uni<Response> report(ReportedRevocation report, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (report == null) {
            throw ProblemException.invalidRequest("a JSON body is required");
        }
        return reported.record(report, idempotencyKey)
                .map(recorded -> Response.status(recorded.alreadyRecorded() ? 200 : 201)
                        .entity(recorded)
                        .build());
    }
}
