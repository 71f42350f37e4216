package io.consentmesh.retention.inventory;

import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.retention.config.RetentionConfig;
import io.consentmesh.retention.http.Tenants;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/retention/items")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InventoryResource {

    private final Inventory inventory;
    private final SubjectKeys subjectKeys;
    private final Set<String> stores;
    private final SecurityIdentity identity;

    InventoryResource(Inventory inventory, SubjectKeys subjectKeys, RetentionConfig config, SecurityIdentity identity) {
        this.inventory = inventory;
        this.identity = identity;
        this.subjectKeys = subjectKeys;
        this.stores = config.stores();
    }

    @GET
    @Operation(summary = "The inventoried items of a call, with their due dates and where their deletion stands")
    @RolesAllowed({Roles.PRIVACY_OPS, Roles.AUDITOR})
    public Uni<List<InventoryItemView>> ofCall(
            @QueryParam("tenantId") String tenantId, @QueryParam("callId") String callId) {
        if (tenantId == null || tenantId.isBlank() || callId == null || callId.isBlank()) {
            throw ProblemException.invalidRequest("tenantId and callId are required");
        }
        return inventory.ofCall(Tenants.require(tenantId), callId);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One inventoried item, with its due date and where its deletion stands")
    @RolesAllowed({Roles.PRIVACY_OPS, Roles.AUDITOR})
    public Uni<InventoryItemView> item(@PathParam("id") String id) {
        UUID itemId;
        try {
            itemId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
        return inventory
                .byIds(Caller.of(identity).requireTenant(), List.of(itemId))
                .map(found -> found.stream().findFirst().orElseThrow(InventoryResource::notFound));
    }

    private static ProblemException notFound() {
        return new ProblemException(
                Problem.of(404, "not-found", "Not found", "no such item in this tenant's inventory"));
    }

    @POST
    @Operation(
            summary = "Report items the mesh cannot see (telemetry batches, tickets, CRM exports, export bundles):"
                    + " 1 to 1,000 per request; reporting an item again changes nothing")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<InventoryAnswer> report(ReportedItems reported) {
        if (reported == null) {
            throw ProblemException.invalidRequest("a JSON body is required");
        }
        String tenant = Tenants.require(reported.tenantId());
        List<NewItem> items = new ArrayList<>();
        for (int i = 0; i < reported.items().size(); i++) {
            items.add(item(tenant, reported.items().get(i), "items[" + i + "]"));
        }
        List<UUID> ids = items.stream().map(NewItem::id).distinct().toList();
        return inventory.record(items).chain(made -> inventory
                .byIds(tenant, ids)
                .map(views -> new InventoryAnswer(made.size(), ids.size() - made.size(), views)));
    }

    private NewItem item(String tenant, ReportedItem reported, String field) {
        if (!stores.contains(reported.store())) {
            throw ProblemException.invalidRequest(field + ".store is not a store any deletion agent answers for"
                    + " (known: " + String.join(", ", new java.util.TreeSet<>(stores)) + ")");
        }
        String subject =
                reported.phoneNumber() == null || reported.phoneNumber().isBlank()
                        ? null
                        : subjectKeys
                                .subjectOf(new TenantId(tenant), reported.phoneNumber(), "US", field + ".phoneNumber")
                                .value();
        UUID id = UUID.fromString(EventIds.of("retention-item", tenant, reported.store(), reported.itemRef()));
        return new NewItem(
                id,
                tenant,
                subject,
                null,
                reported.parsedCategory(),
                reported.store(),
                reported.itemRef(),
                reported.callId(),
                reported.address(),
                reported.storedAt(),
                reported.triggerAt());
    }
}
