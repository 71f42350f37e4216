package io.consentmesh.security.accesslog;

import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.security.Roles;
import io.consentmesh.security.caller.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The security audit log of this service, for auditors of the caller's tenant. Reading it is itself recorded.
 * Every service serves its own chain here; all of them are in the one shared table.
 */
@Path("/v1/audit/access-log")
@Produces(MediaType.APPLICATION_JSON)
public class AccessLogResource {

    private static final int MAX_LIMIT = 1000;
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("3000-01-01T00:00:00Z");

    private final AccessLog log;
    private final SecurityIdentity identity;

    AccessLogResource(AccessLog log, SecurityIdentity identity) {
        this.log = log;
        this.identity = identity;
    }

    @GET
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Who read or changed what, newest first (all services of the installation)")
    public Uni<Map<String, Object>> list(
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") Integer limit) {
        Instant start = instant(from, "from", Instant.now().minus(Duration.ofDays(1)));
        Instant end = instant(to, "to", Instant.now().plusSeconds(1));
        int max = limit == null ? 100 : limit;
        if (max < 1 || max > MAX_LIMIT) {
            throw ProblemException.invalidRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        String tenant = tenant();
        return log.list(tenant, start, end, max).map(records -> Map.of("tenantId", tenant, "records", records));
    }

    @GET
    @Path("/verification")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Recompute the tenant's access-log hash chains (one per service)")
    public Uni<Map<String, Object>> verify() {
        String tenant = tenant();
        return log.verify(tenant)
                .map(checks -> Map.of(
                        "tenantId",
                        tenant,
                        "intact",
                        checks.stream().allMatch(AccessLog.ChainCheck::intact),
                        "chains",
                        (List<AccessLog.ChainCheck>) checks));
    }

    private String tenant() {
        return Caller.of(identity)
                .tenant()
                .orElseThrow(() -> ProblemException.invalidRequest("an auditor's credential names its tenant"));
    }

    private static Instant instant(String text, String name, Instant otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            Instant value = Instant.parse(text);
            if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
                throw ProblemException.invalidRequest(name + " must be between 2000 and 3000");
            }
            return value;
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidRequest(name + " must be an ISO-8601 instant, e.g. 2026-01-31T00:00:00Z");
        }
    }
}
