package io.consentmesh.consent.consents.revocations;

import io.consentmesh.consent.consents.revocations.RevocationEnforcements.Revocations;
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
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The revocations received in a period, each with when it was enforced and its KW-07 deadline. */
@Path("/v1/revocations")
@Produces(MediaType.APPLICATION_JSON)
public class RevocationResource {

    private final RevocationEnforcements enforcements;

    RevocationResource(RevocationEnforcements enforcements) {
        this.enforcements = enforcements;
    }

    @GET
    @Operation(summary = "Revocations received in [from, to): when each was enforced, against 10 business days (KW-07)")
    @RolesAllowed({Roles.PRIVACY_OPS, Roles.AUDITOR})
    public Uni<Revocations> list(
            @QueryParam("tenantId") String tenantId, @QueryParam("from") String from, @QueryParam("to") String to) {
        if (tenantId == null || tenantId.isBlank()) {
            throw ProblemException.invalidRequest("tenantId is required");
        }
        Instant start = instant(from, "from", Instant.EPOCH);
        Instant end = instant(to, "to", Instant.now().plus(Duration.ofDays(1)));
        return enforcements.receivedBetween(tenantId, start, end);
    }

    private static Instant instant(String value, String name, Instant otherwise) {
        return QueryValues.instant(name, value, otherwise);
    }
}
