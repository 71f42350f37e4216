package io.consentmesh.ingest.plivo;

import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.contracts.telephony.MessageStatusChanged;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.ingest.accounts.AccountCredentials;
import io.consentmesh.ingest.accounts.ProviderAccounts;
import io.consentmesh.ingest.calls.CallParties;
import io.consentmesh.ingest.webhooks.DecisionIds;
import io.consentmesh.ingest.webhooks.FormBody;
import io.consentmesh.ingest.webhooks.SignedUrl;
import io.consentmesh.ingest.webhooks.WebhookOutcomes;
import io.consentmesh.runtime.subject.SubjectConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.function.BiFunction;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Plivo callbacks, form-encoded and signed with {@code X-Plivo-Signature-V3} (or {@code X-Plivo-Signature-Ma-V3}, made
 * with the main account's token) and {@code X-Plivo-Signature-V3-Nonce}. Configure in the Plivo application: Message
 * URL → {@code /webhooks/plivo/{authId}/sms}; Hangup URL (and, for calls made with the Call API, {@code ring_url} and
 * {@code hangup_url}) → {@code /webhooks/plivo/{authId}/call-status}; the {@code url} of a sent message →
 * {@code /webhooks/plivo/{authId}/message-status}; all POST. Never use these as an Answer URL: they answer an empty
 * {@code <Response/>}, which ends a call. The tenant names the consent decision of a send or an outbound call with
 * {@code ?decisionId=<id>} on the callback URL.
 *
 * <p>The account is in the path because Plivo's inbound-message and call callbacks do not name it (they carry
 * {@code From}, {@code To}, {@code MessageUUID}/{@code CallUUID}, … but no auth id). {@code authId} is the auth id of
 * the main account or subaccount that owns the application; it is part of the signed URL, and an unknown one gets the
 * same 403 as a wrong signature.
 */
@Path("/webhooks/plivo")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.APPLICATION_XML)
@PermitAll // verified by X-Plivo-Signature-V3
public class PlivoWebhookResource {

    /** Plivo XML that does nothing: the mesh records, it never replies or acts on the tenant's behalf from here. */
    static final String EMPTY_XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private static final Provider PLIVO = Provider.PLIVO;

    private final ProviderAccounts accounts;
    private final WebhookOutcomes outcomes;
    private final CallParties callParties;
    private final SignedUrl signedUrl;
    private final SubjectKeys subjectKeys;
    private final SubjectConfig subjects;
    private final DecisionIds decisionIds;

    PlivoWebhookResource(
            ProviderAccounts accounts,
            WebhookOutcomes outcomes,
            CallParties callParties,
            SignedUrl signedUrl,
            SubjectKeys subjectKeys,
            SubjectConfig subjects,
            DecisionIds decisionIds) {
        this.accounts = accounts;
        this.outcomes = outcomes;
        this.callParties = callParties;
        this.signedUrl = signedUrl;
        this.subjectKeys = subjectKeys;
        this.subjects = subjects;
        this.decisionIds = decisionIds;
    }

    @POST
    @Path("/{authId}/sms")
    @Operation(summary = "Plivo inbound message (message_url)")
    public Uni<Response> inboundSms(
            @PathParam("authId") String authId, String body, @Context HttpServerRequest request) {
        Instant receivedAt = WebhookOutcomes.now();
        return verified("sms", authId, body, request, (form, account) -> {
            SmsReceived sms = outcomes.mapped(
                    PLIVO,
                    "sms",
                    () -> PlivoEventMapper.smsReceived(form, authId, subjects.defaultRegion(), receivedAt));
            SubjectId subject = subjectKeys.subjectOf(account.tenant(), sms.from());
            return outcomes.publish(
                            PLIVO,
                            "sms",
                            outcomes.envelope(
                                    PLIVO, EventIds.of("plivo", "sms", sms.messageId()), account, subject, sms))
                    .replaceWith(emptyXml());
        });
    }

    @POST
    @Path("/{authId}/message-status")
    @Operation(summary = "Plivo delivery report of a sent message (the message's url)")
    public Uni<Response> messageStatus(
            @PathParam("authId") String authId, String body, @Context HttpServerRequest request) {
        Instant receivedAt = WebhookOutcomes.now();
        return verified("message-status", authId, body, request, (form, account) -> {
            String decisionId = decisionIds.fromQuery(PLIVO, "message-status", request.query());
            MessageStatusChanged changed = outcomes.mapped(
                    PLIVO,
                    "message-status",
                    () -> PlivoEventMapper.messageStatus(
                            form, authId, subjects.defaultRegion(), receivedAt, decisionId));
            // outbound: the recipient is the person; a message reaches each status once, and a retry repeats it
            SubjectId subject = subjectKeys.subjectOf(account.tenant(), changed.to());
            String id = EventIds.of("plivo", "message-status", changed.messageId(), form.required("Status"));
            return outcomes.publish(PLIVO, "message-status", outcomes.envelope(PLIVO, id, account, subject, changed))
                    .replaceWith(emptyXml());
        });
    }

    @POST
    @Path("/{authId}/call-status")
    @Operation(summary = "Plivo call status (hangup_url, ring_url)")
    public Uni<Response> callStatus(
            @PathParam("authId") String authId, String body, @Context HttpServerRequest request) {
        Instant receivedAt = WebhookOutcomes.now();
        return verified("call-status", authId, body, request, (form, account) -> {
            String decisionId = decisionIds.fromQuery(PLIVO, "call-status", request.query());
            CallStatusChanged call = outcomes.mapped(
                    PLIVO,
                    "call-status",
                    () -> PlivoEventMapper.callStatus(form, authId, subjects.defaultRegion(), receivedAt, decisionId));
            SubjectId subject = subjectKeys.subjectOf(account.tenant(), PlivoEventMapper.consumerNumber(call));
            // Plivo sends no sequence number; a call reaches each status once, and a retry repeats it.
            String status = form.required("CallStatus");
            return callParties
                    .remember(PLIVO, call.callId(), account.tenant(), subject)
                    .chain(() -> outcomes.publish(
                            PLIVO,
                            "call-status",
                            outcomes.envelope(
                                    PLIVO,
                                    EventIds.of("plivo", "call-status", call.callId(), status),
                                    account,
                                    subject,
                                    call)))
                    .replaceWith(emptyXml());
        });
    }

    private static Response emptyXml() {
        return Response.ok(EMPTY_XML, MediaType.APPLICATION_XML).build();
    }

    /** Verifies the signature against the account's valid credentials, then hands over the form and the account. */
    private Uni<Response> verified(
            String kind,
            String authId,
            String body,
            HttpServerRequest request,
            BiFunction<FormBody, AccountCredentials, Uni<Response>> handler) {
        FormBody form = FormBody.parse(body);
        String url = signedUrl.of(request);
        return accounts.credentials(PLIVO, authId).chain(credentials -> {
            if (credentials.isEmpty()) {
                throw outcomes.rejected(PLIVO, kind, "unknown-account");
            }
            boolean signed = PlivoSignature.verify(
                    request.method().name(),
                    url,
                    form.pairs(),
                    request.getHeader(PlivoSignature.NONCE_HEADER),
                    credentials.get().secrets(),
                    request.getHeader(PlivoSignature.SIGNATURE_HEADER),
                    request.getHeader(PlivoSignature.MAIN_ACCOUNT_SIGNATURE_HEADER));
            if (!signed) {
                throw outcomes.rejected(PLIVO, kind, "bad-signature");
            }
            return outcomes.keepingRejected(
                    PLIVO,
                    credentials.get(),
                    request.path(),
                    request.getHeader("Content-Type"),
                    body,
                    () -> handler.apply(form, credentials.get()));
        });
    }
}
