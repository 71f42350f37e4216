package io.consentmesh.consent.consents.keywords;

import io.consentmesh.contracts.envelope.TenantId;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The review queue of messages that may be revocations in other words (KW-05). */
@Path("/v1/revocation-reviews")
@Produces(MediaType.APPLICATION_JSON)
public class RevocationReviewResource {

    private static final Set<String> STATUSES = Set.of("PENDING", "CONFIRMED", "DISMISSED");

    /**
     * @param reviewer the reviewer's name; the decision is kept (and, on confirmation, in the ledger) as this name
     *     with the credential that made it, so nobody decides as "anonymous"
     */
    public record Decision(String reviewer) {}

    private final RevocationReviews reviews;
    private final SecurityIdentity identity;

    RevocationReviewResource(RevocationReviews reviews, SecurityIdentity identity) {
        this.reviews = reviews;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The tenant's queued messages (PENDING by default), oldest first")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<List<RevocationReviews.Review>> list(
            @QueryParam("tenantId") String tenantId, @QueryParam("status") String status) {
        if (tenantId == null || tenantId.isBlank()) {
            throw ProblemException.invalidRequest("tenantId is required");
        }
        String wanted = status == null ? "PENDING" : status;
        if (!STATUSES.contains(wanted)) {
            throw ProblemException.invalidRequest("status is one of " + STATUSES);
        }
        return reviews.list(new TenantId(tenantId), wanted);
    }

    @POST
    @Path("/{id}/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The person meant it: revoke consent on every channel of the brand (409 when decided already)")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<RevocationReviews.Review> confirm(@PathParam("id") String id, Decision decision) {
        Caller caller = Caller.of(identity);
        return reviews.confirm(new TenantId(caller.requireTenant()), uuid(id), reviewer(decision, caller));
    }

    @POST
    @Path("/{id}/dismiss")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The person did not mean it: recorded, nothing changes (409 when decided already)")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<RevocationReviews.Review> dismiss(@PathParam("id") String id, Decision decision) {
        Caller caller = Caller.of(identity);
        return reviews.dismiss(new TenantId(caller.requireTenant()), uuid(id), reviewer(decision, caller));
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidRequest("the review id must be a UUID");
        }
    }

    private static String reviewer(Decision decision, Caller caller) {
        if (decision == null
                || decision.reviewer() == null
                || decision.reviewer().isBlank()) {
            throw ProblemException.invalidRequest("reviewer is required");
        }
        if (decision.reviewer().length() > 200) {
            throw ProblemException.invalidRequest("reviewer is at most 200 characters");
        }
        return decision.reviewer() + " (" + caller.credential() + " " + caller.principal() + ")";
    }
}
