package io.consentmesh.consent.consents;

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

@Path("/v1/consents")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ConsentResource {

    private final ConsentRecorder recorder;

    ConsentResource(ConsentRecorder recorder) {
        this.recorder = recorder;
    }

    @POST
    @Operation(
            summary =
                    "Record consent the tenant captured (201), or find it already recorded under the same Idempotency-Key (200)")
    @RolesAllowed({Roles.SENDER, Roles.PRIVACY_OPS})
    public Uni<Response> record(RecordConsentRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (request == null) {
            throw ProblemException.invalidRequest("a JSON body is required");
        }
        return recorder.record(request, idempotencyKey)
                .map(recorded -> Response.status(recorded.alreadyRecorded() ? 200 : 201)
                        .entity(recorded)
                        .build());
    }
}
