package io.consentmesh.consent.authorization.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/rule-sets")
@Produces(MediaType.APPLICATION_JSON)
public class RuleSetResource {

    private static final String PROBLEMS = "https://consentmesh.io/problems/";

    private final RuleSetRepository repository;

    RuleSetResource(RuleSetRepository repository) {
        this.repository = repository;
    }

    @GET
    @Operation(summary = "The stored rule-set versions, oldest effective first")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR})
    public List<RuleSetSummary> list() {
        return repository.list();
    }

    @GET
    @Path("/{version}")
    @Operation(summary = "One rule-set version's document")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR})
    public Response get(@PathParam("version") String version) {
        return repository
                .byVersion(version)
                .map(ruleSet -> Response.ok(ruleSet.document(), MediaType.APPLICATION_JSON)
                        .build())
                .orElseThrow(() -> new ProblemException(Problem.of(
                        404, "rule-set-not-found", "No such rule set", "no rule set is stored under this version")));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Store a new rule-set version (201); 409 when its version or effectiveFrom is taken, 422 when"
                    + " its content is invalid")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public Uni<Response> add(JsonNode document) {
        if (document == null || document.isNull()) {
            throw ProblemException.invalidRequest("a JSON body is required");
        }
        RuleSet ruleSet;
        try {
            ruleSet = RuleSetParser.parse(document);
        } catch (InvalidRuleSetException e) {
            throw new ProblemException(new Problem(
                    URI.create(PROBLEMS + "invalid-rule-set"),
                    "The rule set is invalid",
                    422,
                    e.errors().size() + " field(s) break the rule-set format",
                    e.errors()));
        }
        return repository
                .add(ruleSet)
                .map(summary -> Response.created(URI.create("/v1/rule-sets/" + summary.version()))
                        .entity(summary)
                        .build())
                .onFailure(RuleSetConflictException.class)
                .transform(conflict -> new ProblemException(Problem.of(
                        409, "rule-set-conflict", "The rule set conflicts with a stored one", conflict.getMessage())));
    }
}
