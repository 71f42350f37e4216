package io.consentmesh.consent.evidence.integrity;

import io.consentmesh.consent.evidence.Checkpointer;
import io.consentmesh.runtime.chain.CheckpointKey;
import io.consentmesh.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The public key that checkpoints are signed with. For convenience only: an auditor should take the key from the
 * operator out of band (or pin its id), since whoever could swap the service could also swap this answer.
 */
@Path("/v1/audit/checkpoint-key")
@Produces(MediaType.APPLICATION_JSON)
public class CheckpointKeyResource {

    /** @param publicKey raw 32-byte Ed25519 public key, base64 */
    public record PublicKey(String algorithm, String keyId, String publicKey) {}

    private final Checkpointer checkpointer;

    CheckpointKeyResource(Checkpointer checkpointer) {
        this.checkpointer = checkpointer;
    }

    @GET
    @Operation(summary = "The Ed25519 public key that verifies the ledger's signed checkpoints")
    @RolesAllowed(Roles.AUDITOR)
    public PublicKey key() {
        CheckpointKey key = checkpointer.key();
        return new PublicKey(CheckpointKey.ALGORITHM, key.keyId(), key.publicKeyBase64());
    }
}
