package io.consentmesh.retention.schedule;

import io.consentmesh.retention.http.Tenants;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.security.Roles;
import io.consentmesh.security.caller.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/retention/schedules/{tenantId}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ScheduleResource {

    private final Schedules schedules;
    private final SecurityIdentity identity;

    ScheduleResource(Schedules schedules, SecurityIdentity identity) {
        this.schedules = schedules;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The tenant's schedule for every category: period, trigger, legal minimum and maximum, basis")
    @RolesAllowed({Roles.PRIVACY_OPS, Roles.AUDITOR})
    public Uni<List<ScheduleView>> ofTenant(@PathParam("tenantId") String tenantId) {
        return schedules.ofTenant(Tenants.require(tenantId));
    }

    @GET
    @Path("/changes")
    @Operation(summary = "Every recorded change of the tenant's schedules, newest first (at most 1,000)")
    @RolesAllowed({Roles.PRIVACY_OPS, Roles.AUDITOR})
    public Uni<List<ScheduleChangeView>> changes(@PathParam("tenantId") String tenantId) {
        return schedules.changesOf(Tenants.require(tenantId));
    }

    @PUT
    @Operation(summary = "Apply a shipped profile to every category (recorded; due dates recomputed)")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<List<ScheduleView>> applyProfile(@PathParam("tenantId") String tenantId, ProfileChangeRequest request) {
        if (request == null) {
            throw ProblemException.invalidRequest("a JSON body is required");
        }
        return schedules.applyProfile(
                Tenants.require(tenantId), request, Caller.of(identity).principal());
    }

    @PUT
    @Path("/{category}")
    @Operation(summary = "Change one category's period (recorded; due dates recomputed); 422 outside its legal bounds")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<ScheduleView> change(
            @PathParam("tenantId") String tenantId,
            @PathParam("category") String category,
            ScheduleChangeRequest request) {
        if (request == null) {
            throw ProblemException.invalidRequest("a JSON body is required");
        }
        return schedules.change(
                Tenants.require(tenantId),
                Categories.parse(category),
                request,
                Caller.of(identity).principal());
    }
}
