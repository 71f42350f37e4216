package io.consentmesh.consent.audit;

import io.consentmesh.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The projection rebuild as an endpoint ({@link ProjectionRebuilds} runs it on a worker thread). */
@Path("/v1/audit/projection-rebuild")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectionRebuildResource {

    private final ProjectionRebuilds rebuilds;

    ProjectionRebuildResource(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @POST
    @Operation(
            summary = "Rebuild the consent-state projection from consent.evidence.v1 and compare its state hash with"
                    + " the live one, subject by subject (one tenant with ?tenantId=)")
    @RolesAllowed(Roles.AUDITOR)
    public Uni<ProjectionRebuild.Report> rebuild(@QueryParam("tenantId") String tenantId) {
        return rebuilds.rebuild(tenantId == null || tenantId.isBlank() ? null : tenantId);
    }
}
