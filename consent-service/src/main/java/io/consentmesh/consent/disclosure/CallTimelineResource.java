package io.consentmesh.consent.disclosure;

import io.consentmesh.consent.disclosure.CallTimelines.CallSummary;
import io.consentmesh.consent.disclosure.CallTimelines.CallTimeline;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The evidence timeline of a call ({@link CallTimelines}), and the tenant's calls by verdict. */
@Path("/v1/audit/calls")
@Produces(MediaType.APPLICATION_JSON)
public class CallTimelineResource {

    private final CallTimelines timelines;

    CallTimelineResource(CallTimelines timelines) {
        this.timelines = timelines;
    }

    @GET
    @Path("/{callId}")
    @Operation(summary = "The evidence timeline of a call: its events in order and its verdicts as ledger records")
    @RolesAllowed(Roles.AUDITOR)
    public Uni<CallTimeline> timeline(@PathParam("callId") String callId, @QueryParam("tenantId") String tenantId) {
        requireTenant(tenantId);
        return timelines
                .timeline(tenantId, callId)
                .map(found -> found.orElseThrow(() -> new ProblemException(
                        Problem.of(404, "call-not-found", "No such call", "no event of this call has been received"))));
    }

    @GET
    @Operation(summary = "The tenant's calls with a given verdict (e.g. INCOMPLETE or NO_DISCLOSURE), newest first")
    @RolesAllowed(Roles.AUDITOR)
    public Uni<List<CallSummary>> calls(
            @QueryParam("tenantId") String tenantId, @QueryParam("verdict") String verdict) {
        requireTenant(tenantId);
        CallVerdict wanted;
        try {
            wanted = CallVerdict.valueOf(verdict == null ? "" : verdict);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidRequest("verdict must be one of " + List.of(CallVerdict.values()));
        }
        return timelines.withVerdict(tenantId, wanted);
    }

    private static void requireTenant(String tenantId) {
        if (tenantId == null || tenantId.isBlank()) {
            throw ProblemException.invalidRequest("tenantId is required");
        }
    }
}
