package io.consentmesh.retention.proof;

import io.consentmesh.contracts.http.Problem;
import io.consentmesh.retention.http.Tenants;
import io.consentmesh.runtime.chain.CheckpointKey;
import io.consentmesh.runtime.chain.EventLog;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Disposal certificates and the key that verifies them. The key is served for convenience only: an auditor should take
 * it from the operator out of band (or pin its id), since whoever could swap the service could swap this answer too.
 */
@Path("/v1/retention")
@Produces(MediaType.APPLICATION_JSON)
public class ProofResource {

    /** @param publicKey raw 32-byte Ed25519 public key, base64 */
    public record PublicKey(String algorithm, String keyId, String publicKey) {}

    private final DisposalCertificates certificates;
    private final RetentionLogVerifier verifier;
    private final SecurityIdentity identity;

    ProofResource(DisposalCertificates certificates, RetentionLogVerifier verifier, SecurityIdentity identity) {
        this.certificates = certificates;
        this.verifier = verifier;
        this.identity = identity;
    }

    @GET
    @Path("/log/verify")
    @Operation(summary = "Recompute the tenant's hash-chained retention log and report any chain that is broken")
    @RolesAllowed({Roles.AUDITOR, Roles.PRIVACY_OPS})
    public Uni<EventLog.Report> verifyLog(@QueryParam("tenantId") String tenantId) {
        return verifier.verify(Tenants.require(tenantId));
    }

    @GET
    @Path("/signing-key")
    @Operation(summary = "The Ed25519 public key that verifies disposal certificates")
    @RolesAllowed({Roles.AUDITOR, Roles.PRIVACY_OPS})
    public PublicKey key() {
        CheckpointKey key = certificates.key();
        return new PublicKey(CheckpointKey.ALGORITHM, key.keyId(), key.publicKeyBase64());
    }

    @GET
    @Path("/certificates/daily")
    @Operation(
            summary = "The signed certificate of a tenant's deletions on one day (UTC), with the item statements its"
                    + " Merkle root covers; made once the day has ended")
    @RolesAllowed({Roles.AUDITOR, Roles.PRIVACY_OPS})
    public Uni<DisposalCertificate> ofDay(@QueryParam("tenantId") String tenantId, @QueryParam("day") String day) {
        String tenant = Tenants.require(tenantId);
        LocalDate date;
        try {
            date = LocalDate.parse(day == null ? "" : day);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidRequest("day must be a date: YYYY-MM-DD");
        }
        return certificates
                .ofDay(tenant, date)
                .map(found -> found.orElseThrow(() -> notFound("no daily certificate for that day (yet)")));
    }

    static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", detail));
    }
}
