package io.consentmesh.consent.disclosure;

import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A tenant's recording policy: REC-08 mode and which provider media are its recording announcements. */
@Path("/v1/recording-policies/{tenantId}")
@Produces(MediaType.APPLICATION_JSON)
public class RecordingPolicyResource {

    private final RecordingPolicies policies;

    RecordingPolicyResource(RecordingPolicies policies) {
        this.policies = policies;
    }

    @GET
    @Operation(summary = "The tenant's recording policy (the default when none was set)")
    @RolesAllowed({Roles.REGISTRY_ADMIN, Roles.AUDITOR})
    public Uni<RecordingPolicy> get(@PathParam("tenantId") String tenantId) {
        TenantId tenant = tenant(tenantId);
        return policies.get(tenant);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the tenant's recording policy; it applies to verdicts made from now on")
    @RolesAllowed(Roles.REGISTRY_ADMIN)
    public Uni<RecordingPolicy> put(@PathParam("tenantId") String tenantId, RecordingPolicy policy) {
        TenantId tenant = tenant(tenantId);
        if (policy == null) {
            throw ProblemException.invalidRequest("a JSON body is required");
        }
        for (RecordingPolicy.DisclosureMedia media : policy.disclosureMedia()) {
            if (blank(media.mediaName())
                    || blank(media.announcementId())
                    || blank(media.announcementVersion())
                    || blank(media.language())) {
                throw ProblemException.invalidRequest(
                        "every disclosure medium needs mediaName, announcementId, announcementVersion and language");
            }
        }
        return policies.set(tenant, policy).replaceWith(policy);
    }

    private static TenantId tenant(String tenantId) {
        try {
            return new TenantId(tenantId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidRequest("tenantId: " + e.getMessage());
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
