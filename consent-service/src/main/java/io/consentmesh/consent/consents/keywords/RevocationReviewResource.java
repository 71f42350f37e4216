package io.consentmesh.consent.consents.keywords;

import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.runtime.http.ProblemException;
import io.smallrye.mutiny.Uni;
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

    /** @param reviewer who decided (kept with the decision and, on confirmation, in the ledger) */
    public record Decision(String reviewer) {}

    private final RevocationReviews reviews;

    RevocationReviewResource(RevocationReviews reviews) {
        this.reviews = reviews;
    }

    @GET
    @Operation(summary = "The tenant's queued messages (PENDING by default), oldest first")
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
    public Uni<RevocationReviews.Review> confirm(@PathParam("id") String id, Decision decision) {
        return reviews.confirm(uuid(id), reviewer(decision));
    }

    @POST
    @Path("/{id}/dismiss")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The person did not mean it: recorded, nothing changes (409 when decided already)")
    public Uni<RevocationReviews.Review> dismiss(@PathParam("id") String id, Decision decision) {
        return reviews.dismiss(uuid(id), reviewer(decision));
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidRequest("the review id must be a UUID");
        }
    }

    private static String reviewer(Decision decision) {
        if (decision == null
                || decision.reviewer() == null
                || decision.reviewer().isBlank()) {
            throw ProblemException.invalidRequest("reviewer is required");
        }
        return decision.reviewer();
    }
}
