package io.consentmesh.consent.consents.imports;

import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.security.Roles;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Bulk import of consents collected elsewhere: CSV or JSON in, a per-row report out (and kept, to fetch again). */
@Path("/v1/consents/imports")
@Produces(MediaType.APPLICATION_JSON)
public class ConsentImportResource {

    private final ConsentImport imports;

    ConsentImportResource(ConsentImport imports) {
        this.imports = imports;
    }

    @POST
    @Consumes({"text/csv", "application/csv"})
    @Operation(
            summary = "Import consents from CSV (a header row naming the fields of POST /v1/consents): per-row report")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<Response> importCsv(@QueryParam("tenantId") String tenantId, String body) {
        return imports.run(tenant(tenantId), ImportRows.Format.CSV, body).map(ConsentImportResource::created);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import consents from a JSON array of POST /v1/consents bodies: per-row report")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<Response> importJson(@QueryParam("tenantId") String tenantId, String body) {
        return imports.run(tenant(tenantId), ImportRows.Format.JSON, body).map(ConsentImportResource::created);
    }

    @GET
    @Path("/{importId}")
    @Operation(summary = "The report of an earlier import")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<ImportReport> report(@QueryParam("tenantId") String tenantId, @PathParam("importId") String importId) {
        UUID id;
        try {
            id = UUID.fromString(importId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidRequest("importId must be a UUID");
        }
        return imports.report(tenant(tenantId), id)
                .map(found -> found.orElseThrow(() -> new ProblemException(
                        Problem.of(404, "not-found", "Not found", "no import " + importId + " for this tenant"))));
    }

    private static TenantId tenant(String tenantId) {
        if (tenantId == null || tenantId.isBlank()) {
            throw ProblemException.invalidRequest("tenantId is required");
        }
        return new TenantId(tenantId);
    }

    private static Response created(ImportReport report) {
        return Response.status(201).entity(report).build();
    }
}
