package io.consentmesh.retention.report;

import io.consentmesh.retention.http.Tenants;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/retention/report")
public class RetentionReportResource {

    private final RetentionReports reports;

    RetentionReportResource(RetentionReports reports) {
        this.reports = reports;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(
            summary = "Per category: retained, due, held, overdue, deleted and deleted with a signed certificate;"
                    + " format=csv for a spreadsheet")
    @RolesAllowed({Roles.PRIVACY_OPS, Roles.AUDITOR})
    public Uni<Response> report(@QueryParam("tenantId") String tenantId, @QueryParam("format") String format) {
        String tenant = Tenants.require(tenantId);
        if (format != null && !format.equals("json") && !format.equals("csv")) {
            throw ProblemException.invalidRequest("format must be json or csv");
        }
        return reports.of(tenant)
                .map(report -> "csv".equals(format)
                        ? Response.ok(report.csv(), "text/csv")
                                .header("Content-Disposition", "attachment; filename=\"retention-" + tenant + ".csv\"")
                                .build()
                        : Response.ok(report, MediaType.APPLICATION_JSON).build());
    }
}
