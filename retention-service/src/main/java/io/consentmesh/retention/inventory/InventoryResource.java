package io.consentmesh.retention.inventory;

import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/retention/items")
@Produces(MediaType.APPLICATION_JSON)
public class InventoryResource {

    private final Inventory inventory;

    InventoryResource(Inventory inventory) {
        this.inventory = inventory;
    }

    @GET
    @Operation(summary = "The inventoried items of a call, with their deletion due dates")
    @RolesAllowed({Roles.PRIVACY_OPS, Roles.AUDITOR})
    public Uni<List<InventoryItemView>> ofCall(
            @QueryParam("tenantId") String tenantId, @QueryParam("callId") String callId) {
        if (tenantId == null || tenantId.isBlank() || callId == null || callId.isBlank()) {
            throw ProblemException.invalidRequest("tenantId and callId are required");
        }
        return inventory.ofCall(tenantId, callId);
    }
}
