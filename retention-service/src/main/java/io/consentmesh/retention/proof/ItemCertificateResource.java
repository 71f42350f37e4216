package io.consentmesh.retention.proof;

import io.consentmesh.security.Roles;
import io.consentmesh.security.caller.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** An item's disposal certificate, under the item's own path (a resource of its own: JAX-RS picks the longest root). */
@Path("/v1/retention/items/{id}/certificate")
@Produces(MediaType.APPLICATION_JSON)
public class ItemCertificateResource {

    private final DisposalCertificates certificates;
    private final SecurityIdentity identity;

    ItemCertificateResource(DisposalCertificates certificates, SecurityIdentity identity) {
        this.certificates = certificates;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The signed disposal certificate of a deleted item (404 until its store confirmed it gone)")
    @RolesAllowed({Roles.AUDITOR, Roles.PRIVACY_OPS})
    public Uni<DisposalCertificate> ofItem(@PathParam("id") String id) {
        UUID item;
        try {
            item = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProofResource.notFound("no such item in this tenant's inventory");
        }
        return certificates
                .ofItem(Caller.of(identity).requireTenant(), item)
                .map(found ->
                        found.orElseThrow(() -> ProofResource.notFound("no disposal certificate for this item (yet)")));
    }
}
