package io.consentmesh.dsar.requests;

import io.consentmesh.dsar.record.DsarRecord;
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
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/dsar/requests")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DsarRequestResource {

    private final DsarRequests requests;
    private final Intake intake;
    private final IdentityChecks checks;
    private final DsarRecord record;
    private final SecurityIdentity identity;

    DsarRequestResource(
            DsarRequests requests, Intake intake, IdentityChecks checks, DsarRecord record, SecurityIdentity identity) {
        this.requests = requests;
        this.record = record;
        this.intake = intake;
        this.checks = checks;
        this.identity = identity;
    }

    /**
     * What the tenant's intake (web form, SMS keyword, agent runtime) learns of the request it opened: that it exists
     * and what the person must do next — not what any service holds.
     */
    public record IntakeReceipt(
            UUID id, String type, String status, Instant receivedAt, String assuranceRequired, Instant codeExpiresAt) {
        static IntakeReceipt of(DsarRequestView view) {
            return new IntakeReceipt(
                    view.id(),
                    view.type(),
                    view.status(),
                    view.receivedAt(),
                    view.verification().assuranceRequired(),
                    view.verification().codeExpiresAt());
        }
    }

    @POST
    @Operation(
            summary = "Take a data-subject request: stored with its clock, the person texted a one-time code (or,"
                    + " attested by privacy-ops, tasks to every service at once) (201); the person's open request of"
                    + " the same type is joined instead (200)")
    @RolesAllowed({Roles.PRIVACY_OPS, Roles.DSAR_INTAKE})
    public Uni<Response> open(NewDsarRequest request) {
        if (request == null) {
            throw ProblemException.invalidRequest("a JSON body is required");
        }
        Caller caller = Caller.of(identity);
        boolean privacyOps = caller.roles().contains(Roles.PRIVACY_OPS);
        // the person's open request of the same type is joined, not doubled: 200 with it
        return intake.open(request, caller).chain(opened -> requests.get(caller.requireTenant(), opened.id())
                .map(view -> {
                    Object body = privacyOps ? view : IntakeReceipt.of(view);
                    return opened.created()
                            ? Response.created(URI.create("/v1/dsar/requests/" + view.id()))
                                    .entity(body)
                                    .build()
                            : Response.ok(body).build();
                }));
    }

    /** The code the person was texted, and — for copies of their data — their signed declaration. */
    public record CodeEntry(String code, IdentityChecks.Declaration declaration) {}

    @POST
    @Path("/{id}/verification")
    @Operation(
            summary = "The person enters the code they were texted (with their signed declaration where the right"
                    + " needs it): the request is verified and goes to every service; a wrong code is counted")
    @RolesAllowed({Roles.PRIVACY_OPS, Roles.DSAR_INTAKE})
    public Uni<Response> enterCode(@PathParam("id") UUID id, CodeEntry entry) {
        if (entry == null) {
            throw ProblemException.invalidRequest("a JSON body with the code is required");
        }
        Caller caller = Caller.of(identity);
        return checks.enterCode(caller.requireTenant(), id, entry.code(), entry.declaration())
                .chain(() -> receiptOrView(caller, id));
    }

    @POST
    @Path("/{id}/verification/code")
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "Text the person a new code (the old one stops working); limited per request, number and tenant")
    @RolesAllowed({Roles.PRIVACY_OPS, Roles.DSAR_INTAKE})
    public Uni<Response> resend(@PathParam("id") UUID id) {
        Caller caller = Caller.of(identity);
        return checks.resend(caller.requireTenant(), id).chain(() -> receiptOrView(caller, id));
    }

    @POST
    @Path("/{id}/verification/attestation")
    @Operation(
            summary = "Privacy-ops attests the person's identity, checked another way, with its evidence: the request"
                    + " is verified and goes to every service")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<DsarRequestView> attest(@PathParam("id") UUID id, NewDsarRequest.Attestation attestation) {
        Caller caller = Caller.of(identity);
        return checks.attest(caller.requireTenant(), id, attestation, caller.principal())
                .chain(() -> requests.get(caller.requireTenant(), id));
    }

    /** Why privacy-ops refuses a request. */
    public record DenialRequest(DenialBasis basis, String reason) {}

    @POST
    @Path("/{id}/denial")
    @Operation(summary = "Refuse a request awaiting verification, with its basis and the reason the person is told")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<DsarRequestView> deny(@PathParam("id") UUID id, DenialRequest denial) {
        if (denial == null) {
            throw ProblemException.invalidRequest("a JSON body with the basis and reason is required");
        }
        Caller caller = Caller.of(identity);
        return checks.deny(caller.requireTenant(), id, denial.basis(), denial.reason(), caller.principal())
                .chain(() -> requests.get(caller.requireTenant(), id));
    }

    private Uni<Response> receiptOrView(Caller caller, UUID id) {
        return requests.get(caller.requireTenant(), id)
                .map(view -> Response.ok(caller.roles().contains(Roles.PRIVACY_OPS) ? view : IntakeReceipt.of(view))
                        .build());
    }

    /** What privacy-ops says when it extends a request's clock. */
    public record ExtensionRequest(String reason) {}

    @POST
    @Path("/{id}/extension")
    @Operation(
            summary = "Extend a request's clock once, as its law allows, having told the person why (before the first"
                    + " period ends)")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<DsarRequestView> extend(@PathParam("id") UUID id, ExtensionRequest extension) {
        if (extension == null) {
            throw ProblemException.invalidRequest("a JSON body with the reason is required");
        }
        Caller caller = Caller.of(identity);
        return requests.extend(caller.requireTenant(), id, extension.reason(), caller.principal());
    }

    /** How privacy-ops tells the mesh that the person was told their request was received. */
    public record ConfirmationRequest(ConfirmationChannel channel) {}

    @POST
    @Path("/{id}/confirmation")
    @Operation(
            summary = "Record that the person was told their request was received (CCPA: within 10 business days);"
                    + " the first confirmation stands")
    @RolesAllowed(Roles.PRIVACY_OPS)
    public Uni<DsarRequestView> confirm(@PathParam("id") UUID id, ConfirmationRequest confirmation) {
        if (confirmation == null) {
            throw ProblemException.invalidRequest("a JSON body with the channel is required");
        }
        Caller caller = Caller.of(identity);
        return requests.confirm(caller.requireTenant(), id, confirmation.channel(), caller.principal());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A request, its clock and the answers received so far")
    @RolesAllowed({Roles.PRIVACY_OPS, Roles.AUDITOR})
    public Uni<DsarRequestView> find(@PathParam("id") UUID id) {
        return requests.get(Caller.of(identity).requireTenant(), id);
    }

    @GET
    @Path("/{id}/record")
    @Operation(summary = "Every step of a request, in order, with the hashes that chain it (as on dsar.request.v1)")
    @RolesAllowed({Roles.PRIVACY_OPS, Roles.AUDITOR})
    public Uni<List<DsarRecord.Step>> steps(@PathParam("id") UUID id) {
        return record.of(Caller.of(identity).requireTenant(), id).map(found -> found.orElseThrow(Pending::notFound));
    }
}
