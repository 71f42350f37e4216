package io.consentmesh.dsar.record;

import io.consentmesh.runtime.chain.EventLog;
import io.consentmesh.security.Roles;
import io.consentmesh.security.caller.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/dsar/record")
@Produces(MediaType.APPLICATION_JSON)
public class RecordResource {

    private final DsarRecord record;
    private final SecurityIdentity identity;

    RecordResource(DsarRecord record, SecurityIdentity identity) {
        this.record = record;
        this.identity = identity;
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Recompute the tenant's hash-chained request record and report any chain that is broken")
    @RolesAllowed({Roles.AUDITOR, Roles.PRIVACY_OPS})
    public Uni<EventLog.Report> verify() {
        return record.verify(Caller.of(identity).requireTenant());
    }
}
