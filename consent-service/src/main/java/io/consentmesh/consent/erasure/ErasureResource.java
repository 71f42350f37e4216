package io.consentmesh.consent.erasure;

import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.privacy.keys.Erasure;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.runtime.subject.SubjectConfig;
import io.consentmesh.security.Roles;
import io.consentmesh.security.caller.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code POST /v1/erasures}: erase a person (crypto-shredding, {@link SubjectErasures}). */
@Path("/v1/erasures")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ErasureResource {

    /**
     * @param phoneNumber the person, as the tenant knows them
     * @param requestRef the DSAR request or ticket this erasure answers (kept with the erasure record)
     */
    public record ErasureRequest(String tenantId, String phoneNumber, String requestRef) {}

    /** What was done: ERASED now, or ALREADY_ERASED at {@code erasedAt} (a repeat is a no-op with the same answer). */
    public record ErasureAnswer(
            String tenantId, String subjectId, Erasure.Outcome outcome, Instant erasedAt, String evidenceId) {}

    private final SubjectErasures erasures;
    private final SubjectKeys subjectKeys;
    private final SubjectConfig subjects;
    private final SecurityIdentity identity;

    ErasureResource(
            SubjectErasures erasures, SubjectKeys subjectKeys, SubjectConfig subjects, SecurityIdentity identity) {
        this.erasures = erasures;
        this.subjectKeys = subjectKeys;
        this.subjects = subjects;
        this.identity = identity;
    }

    @POST
    @Operation(
            summary = "Erase a person: destroy their data keys so their personal data reads as erased everywhere;"
                    + " their suppression (opt-outs) survives")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<ErasureAnswer> erase(ErasureRequest request) {
        if (request == null || request.tenantId() == null || request.phoneNumber() == null) {
            throw ProblemException.invalidRequest("tenantId and phoneNumber are required");
        }
        if (request.requestRef() != null && request.requestRef().length() > 200) {
            throw ProblemException.invalidRequest("requestRef has at most 200 characters");
        }
        TenantId tenant = new TenantId(request.tenantId());
        var subject = subjectKeys.subjectOf(tenant, request.phoneNumber(), subjects.defaultRegion(), "phoneNumber");
        String erasedBy = Caller.current(identity).principal();
        return erasures.erase(tenant, subject, erasedBy, request.requestRef()).map(result -> {
            if (result.outcome() == Erasure.Outcome.UNKNOWN_SUBJECT) {
                throw new ProblemException(Problem.of(
                        404,
                        "unknown-subject",
                        "No personal data held",
                        "the mesh holds no personal data of this person for tenant " + tenant.value()));
            }
            return new ErasureAnswer(
                    tenant.value(),
                    result.subjectId(),
                    result.outcome(),
                    result.erasedAt(),
                    result.evidenceId().toString());
        });
    }
}
