package io.consentmesh.dsar.bundle;

import io.consentmesh.runtime.chain.CheckpointKey;
import io.consentmesh.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Downloads through a link (the link is the credential), and the key that verifies every copy. */
@Path("/v1/dsar/bundles")
public class BundleDownloadResource {

    /** The public key that verifies bundle manifests offline. */
    public record PublicKey(String algorithm, String keyId, String publicKey) {}

    private final Bundles bundles;
    private final BundleLinks links;

    BundleDownloadResource(Bundles bundles, BundleLinks links) {
        this.bundles = bundles;
        this.links = links;
    }

    @GET
    @Path("/signing-key")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The Ed25519 public key that verifies the manifests of the persons' copies")
    @RolesAllowed({Roles.AUDITOR, Roles.PRIVACY_OPS})
    public PublicKey key() {
        CheckpointKey key = bundles.key();
        return new PublicKey(CheckpointKey.ALGORITHM, key.keyId(), key.publicKeyBase64());
    }

    @GET
    @Path("/{token}")
    @Produces({"application/zip", "application/problem+json"})
    @PermitAll // the unguessable token is the credential; only its hash is stored, and it expires
    @Operation(
            summary = "The person downloads their copy: a ZIP with a signed manifest. 404 for an unknown link; 410"
                    + " once it expired or served its downloads, or the copy was deleted")
    public Uni<Response> download(@PathParam("token") String token) {
        return links.download(token).map(download -> Response.ok(download.zip(), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + download.fileName() + "\"")
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .build());
    }
}
