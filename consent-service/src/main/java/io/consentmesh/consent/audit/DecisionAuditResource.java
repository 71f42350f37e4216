package io.consentmesh.consent.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentmesh.consent.authorization.rules.InvalidRuleSetException;
import io.consentmesh.consent.authorization.rules.RuleSet;
import io.consentmesh.consent.authorization.rules.RuleSetParser;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.runtime.http.ProblemException;
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
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Decision re-check and back-test as endpoints ({@link DecisionAudits} runs them on a worker thread). */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionAuditResource {

    /**
     * @param candidate a whole rule-set document (the format of {@code POST /v1/rule-sets}); it is not stored
     * @param tenantId the caller's tenant, if named (the decisions examined are always the caller's tenant's)
     */
    public record BackTestRequest(JsonNode candidate, String tenantId, Instant from, Instant to) {}

    private final DecisionAudits audits;
    private final SecurityIdentity identity;

    DecisionAuditResource(DecisionAudits audits, SecurityIdentity identity) {
        this.audits = audits;
        this.identity = identity;
    }

    @GET
    @Path("/decisions/{decisionId}/recheck")
    @Operation(
            summary = "A stored decision, the facts and ledger records it relied on, and what the rules of its day and"
                    + " today's rules say about them")
    @RolesAllowed({Roles.AUDITOR, Roles.SENDER})
    public Uni<DecisionAudit.Recheck> recheck(@PathParam("decisionId") String decisionId) {
        UUID id;
        try {
            id = UUID.fromString(decisionId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidRequest("decisionId must be a UUID");
        }
        String tenant = Caller.of(identity).requireTenant();
        return audits.recheck(id, Instant.now())
                // Another tenant's decision is "not found": its existence is not ours to reveal.
                .map(found ->
                        found.filter(recheck -> recheck.decision().tenantId().equals(tenant)))
                .map(found -> found.orElseThrow(() -> new ProblemException(Problem.of(
                        404, "decision-not-found", "No such decision", "no decision is stored under this id"))));
    }

    @POST
    @Path("/back-tests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Run a candidate rule set over the decisions of [from, to) and list those whose outcome changes")
    @RolesAllowed(Roles.AUDITOR)
    public Uni<DecisionAudit.BackTest> backTest(BackTestRequest request) {
        if (request == null || request.candidate() == null || request.from() == null || request.to() == null) {
            throw ProblemException.invalidRequest("candidate, from and to are required");
        }
        if (!request.from().isBefore(request.to())) {
            throw ProblemException.invalidRequest("from must be before to");
        }
        RuleSet candidate;
        try {
            candidate = RuleSetParser.parse(request.candidate());
        } catch (InvalidRuleSetException e) {
            throw new ProblemException(new Problem(
                    URI.create("https://consentmesh.io/problems/invalid-rule-set"),
                    "The candidate rule set is invalid",
                    422,
                    e.errors().size() + " field(s) break the rule-set format",
                    e.errors()));
        }
        return audits.backTest(candidate, Caller.of(identity).requireTenant(), request.from(), request.to());
    }
}
