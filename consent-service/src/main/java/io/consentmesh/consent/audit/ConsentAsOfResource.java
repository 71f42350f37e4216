package io.consentmesh.consent.audit;

import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.runtime.http.QueryValues;
import io.consentmesh.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A person's consent as known at an instant, with the ledger records that prove it ({@link ConsentAsOf}). */
@Path("/v1/audit/consent-as-of")
@Produces(MediaType.APPLICATION_JSON)
public class ConsentAsOfResource {

    private final ConsentAsOf consentAsOf;

    ConsentAsOfResource(ConsentAsOf consentAsOf) {
        this.consentAsOf = consentAsOf;
    }

    @GET
    @Operation(summary = "A person's consent state as known at an instant, with the ledger records that prove it")
    @RolesAllowed(Roles.AUDITOR)
    public Uni<ConsentAsOf.Answer> asOf(
            @QueryParam("tenantId") String tenantId,
            @QueryParam("phoneNumber") String phoneNumber,
            @QueryParam("at") String at) {
        if (tenantId == null || tenantId.isBlank() || phoneNumber == null || phoneNumber.isBlank()) {
            throw ProblemException.invalidRequest("tenantId and phoneNumber are required");
        }
        Instant instant = instant(at);
        return consentAsOf.of(new TenantId(tenantId), phoneNumber, instant);
    }

    private static Instant instant(String at) {
        return QueryValues.instant("at", at, Instant.now());
    }
}
