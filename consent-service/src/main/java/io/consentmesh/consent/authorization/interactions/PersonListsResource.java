package io.consentmesh.consent.authorization.interactions;

import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.runtime.subject.SubjectConfig;
import io.consentmesh.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The tenant's do-not-contact list (G-04) and the lifting of a data-subject request's processing restriction. Only
 * the number's subject id is stored, so an entry survives the person's erasure.
 */
@Path("/v1/tenants/{tenantId}")
@Produces(MediaType.APPLICATION_JSON)
public class PersonListsResource {

    /** The optional body of a do-not-contact entry. */
    public record DoNotContactEntry(String reason) {}

    private final Interactions interactions;
    private final SubjectKeys subjectKeys;
    private final SubjectConfig config;
    private final Clock clock = Clock.systemUTC();

    PersonListsResource(Interactions interactions, SubjectKeys subjectKeys, SubjectConfig config) {
        this.interactions = interactions;
        this.subjectKeys = subjectKeys;
        this.config = config;
    }

    @PUT
    @Path("/do-not-contact/{phoneNumber}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Put a number on the tenant's do-not-contact list: every authorization for it is denied")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<Response> addToDoNotContact(
            @PathParam("tenantId") String tenantId,
            @PathParam("phoneNumber") String phoneNumber,
            DoNotContactEntry entry) {
        TenantId tenant = tenant(tenantId);
        String reason = entry == null ? null : entry.reason();
        return interactions
                .addToDoNotContact(tenant, subject(tenant, phoneNumber), reason, clock.instant())
                .map(added -> Response.status(added ? 201 : 200)
                        .entity(Map.of("listed", true))
                        .build());
    }

    @DELETE
    @Path("/do-not-contact/{phoneNumber}")
    @Operation(summary = "Take a number off the tenant's do-not-contact list")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<Response> removeFromDoNotContact(
            @PathParam("tenantId") String tenantId, @PathParam("phoneNumber") String phoneNumber) {
        TenantId tenant = tenant(tenantId);
        return interactions
                .removeFromDoNotContact(tenant, subject(tenant, phoneNumber))
                .map(PersonListsResource::noContentOrNotFound);
    }

    @GET
    @Path("/do-not-contact/{phoneNumber}")
    @Operation(summary = "Whether a number is on the tenant's do-not-contact list (200) or not (404)")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<Response> onDoNotContact(
            @PathParam("tenantId") String tenantId, @PathParam("phoneNumber") String phoneNumber) {
        TenantId tenant = tenant(tenantId);
        SubjectId subject = subject(tenant, phoneNumber);
        return interactions.doNotContactSince(tenant, subject).map(since -> since.map(
                        at -> Response.ok(Map.of("listed", true, "since", at)).build())
                .orElseGet(PersonListsResource::notFound));
    }

    @DELETE
    @Path("/processing-restrictions/{phoneNumber}")
    @Operation(summary = "Lift a data-subject request's restriction of processing (GDPR Art. 18(3))")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<Response> liftRestriction(
            @PathParam("tenantId") String tenantId, @PathParam("phoneNumber") String phoneNumber) {
        TenantId tenant = tenant(tenantId);
        return interactions
                .liftRestriction(tenant, subject(tenant, phoneNumber))
                .map(PersonListsResource::noContentOrNotFound);
    }

    private static Response noContentOrNotFound(boolean changed) {
        return changed ? Response.noContent().build() : notFound();
    }

    private static Response notFound() {
        throw new ProblemException(Problem.of(404, "not-found", "Not found", "the number is not on this list"));
    }

    private static TenantId tenant(String tenantId) {
        if (tenantId == null || tenantId.isBlank()) {
            throw ProblemException.invalidRequest("tenantId is required");
        }
        return new TenantId(tenantId);
    }

    private SubjectId subject(TenantId tenant, String phoneNumber) {
        return subjectKeys.subjectOf(tenant, phoneNumber, config.defaultRegion(), "phoneNumber");
    }
}
