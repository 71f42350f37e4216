package io.consentmesh.consent.evidence.integrity;

import io.smallrye.mutiny.Uni;
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

    LedgerIntegrityResource(LedgerIntegrity integrity) {
        this.integrity = integrity;
    }

    @GET
    @Operation(
            summary =
                    "Walk every hash chain and signed checkpoint of the evidence ledger; report the first broken link of each")
    public Uni<LedgerVerifier.Report> verify() {
        return integrity.verify();
    }
}
