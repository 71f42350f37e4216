package io.consentmesh.dsar.bundle;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The person's copy of an access or portability request, for privacy-ops and auditors; links to download it. */
@Path("/v1/dsar/requests/{id}/bundle")
@Produces(MediaType.APPLICATION_JSON)
public class BundleResource {

    private final Bundles bundles;
    private final BundleLinks links;
    private final SecurityIdentity identity;

    BundleResource(Bundles bundles, BundleLinks links, SecurityIdentity identity) {
        this.bundles = bundles;
        this.links = links;
        this.identity = identity;
    }

    @GET
    @Operation(
            summary = "The request's copy: its size, dates, signed manifest (paths and SHA-256 of every file) and"
                    + " signature; 409 until every service has answered")
    @RolesAllowed({Roles.PRIVACY_OPS, Roles.AUDITOR})
    public Uni<Bundles.BundleView> bundle(@PathParam("id") UUID id) {
        return bundles.of(Caller.of(identity).requireTenant(), id);
    }

    @POST
    @Path("/links")
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "A new download link for the person: it expires (mesh.dsar.bundle.link-valid-for, never after"
                    + " the copy) and serves a bounded number of downloads; the URL is shown this once")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<Response> link(@PathParam("id") UUID id) {
        Caller caller = Caller.of(identity);
        return links.link(caller.requireTenant(), id, caller.principal())
                .map(link -> Response.status(Response.Status.CREATED)
                        .entity(link)
                        .header("Cache-Control", "no-store")
                        .build());
    }
}
