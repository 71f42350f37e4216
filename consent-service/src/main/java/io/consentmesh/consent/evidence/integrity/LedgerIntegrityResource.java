package io.consentmesh.consent.evidence.integrity;

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

/** The ledger verifier as an endpoint ({@link LedgerIntegrity} runs it on a worker thread). */
@Path("/v1/audit/ledger-integrity")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerIntegrityResource {

    private final LedgerIntegrity integrity;
    private final SecurityIdentity identity;

    LedgerIntegrityResource(LedgerIntegrity integrity, SecurityIdentity identity) {
        this.integrity = integrity;
        this.identity = identity;
    }

    @GET
    @Operation(
            summary =
                    "Walk every hash chain and signed checkpoint of the tenant's evidence ledger; report the first broken link of"
                            + " each")
    @RolesAllowed(Roles.AUDITOR)
    public Uni<LedgerVerifier.Report> verify() {
        return integrity.verify(Caller.of(identity).requireTenant());
    }
}
