package io.consentmesh.consent.keys;

import io.consentmesh.privacy.kek.KeyEncryptionKeys;
import io.consentmesh.privacy.keys.DataKeys;
import io.consentmesh.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code POST /v1/admin/privacy/rewrap}: after a key-encryption key rotation (docs/operations.md, "Personal-data
 * keys"), re-wraps every data key still wrapped by an older key-encryption key with the current one, in batches, and
 * answers how many it moved. Sealed data is not touched. Safe to repeat, and to run while the mesh works: rows are
 * taken with {@code SKIP LOCKED}, and a second run finds nothing left.
 */
@Path("/v1/admin/privacy/rewrap")
@Produces(MediaType.APPLICATION_JSON)
public class KeyRewrapResource {

    private static final int BATCH = 500;

    /** @param rewrapped data keys moved to {@code kekId} by this call */
    public record Rewrapped(long rewrapped, String kekId) {}

    private final DataKeys keys;
    private final KeyEncryptionKeys keks;

    KeyRewrapResource(DataKeys keys, KeyEncryptionKeys keks) {
        this.keys = keys;
        this.keks = keks;
    }

    @POST
    @Operation(
            summary = "Re-wrap the data keys wrapped by an older key-encryption key with the current one (after a"
                    + " rotation); sealed data is untouched")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public Uni<Rewrapped> rewrap() {
        return rewrapFrom(0).map(total -> new Rewrapped(total, keks.currentKekId()));
    }

    private Uni<Long> rewrapFrom(long done) {
        return keys.rewrap(BATCH).chain(moved -> moved == 0 ? Uni.createFrom().item(done) : rewrapFrom(done + moved));
    }
}
