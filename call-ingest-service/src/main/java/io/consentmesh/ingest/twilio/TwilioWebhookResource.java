package io.consentmesh.ingest.twilio;

import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.subject.PhoneNumbers;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.CallDirection;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.contracts.telephony.KeypadInputReceived;
import io.consentmesh.contracts.telephony.MessageStatusChanged;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.RecordingAvailable;
import io.consentmesh.contracts.telephony.SensitiveDataRedacted;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.contracts.telephony.TranscriptAvailable;
import io.consentmesh.ingest.accounts.AccountCredentials;
import io.consentmesh.ingest.accounts.ProviderAccounts;
import io.consentmesh.ingest.calls.CallParties;
import io.consentmesh.ingest.redaction.RedactedText;
import io.consentmesh.ingest.redaction.SensitiveDataRedactor;
import io.consentmesh.ingest.webhooks.DecisionIds;
import io.consentmesh.ingest.webhooks.FormBody;
import io.consentmesh.ingest.webhooks.KeypadEntries;
import io.consentmesh.ingest.webhooks.SignedUrl;
import io.consentmesh.ingest.webhooks.WebhookOutcomes;
import io.consentmesh.runtime.subject.SubjectConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Twilio webhooks, all form-encoded and signed with {@code X-Twilio-Signature}. Configure at Twilio:
 * Messaging "A message comes in" → {@code /webhooks/twilio/sms}; message status callback →
 * {@code /webhooks/twilio/message-status}; Voice "Call status changes" →
 * {@code /webhooks/twilio/voice-status}; recording status callback → {@code /webhooks/twilio/recording-status};
 * {@code transcribeCallback} and real-time transcription callbacks → {@code /webhooks/twilio/transcription};
 * {@code <Gather action>} (keys pressed at a menu) → {@code /webhooks/twilio/gather}. The tenant names the consent
 * decision of a send or an outbound call with {@code ?decisionId=<id>} on its status callback URL.
 */
@Path("/webhooks/twilio")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@PermitAll // verified by X-Twilio-Signature
public class TwilioWebhookResource {

    /** TwiML that does nothing: the mesh records, it never replies on the tenant's behalf from here. */
    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private final ProviderAccounts accounts;
    private final WebhookOutcomes outcomes;
    private final CallParties callParties;
    private final SignedUrl signedUrl;
    private final SubjectKeys subjectKeys;
    private final SubjectConfig subjects;
    private final DecisionIds decisionIds;
    private final KeypadEntries keypad;
    private final SensitiveDataRedactor redactor = new SensitiveDataRedactor();

    TwilioWebhookResource(
            ProviderAccounts accounts,
            WebhookOutcomes outcomes,
            CallParties callParties,
            SignedUrl signedUrl,
            SubjectKeys subjectKeys,
            SubjectConfig subjects,
            DecisionIds decisionIds,
            KeypadEntries keypad) {
        this.accounts = accounts;
        this.outcomes = outcomes;
        this.callParties = callParties;
        this.signedUrl = signedUrl;
        this.subjectKeys = subjectKeys;
        this.subjects = subjects;
        this.decisionIds = decisionIds;
        this.keypad = keypad;
    }

    @POST
    @Path("/sms")
    @Produces(MediaType.TEXT_XML)
    @Operation(summary = "Twilio inbound SMS")
    public Uni<Response> inboundSms(
            String body, @HeaderParam("X-Twilio-Signature") String signature, @Context HttpServerRequest request) {
        Instant receivedAt = WebhookOutcomes.now();
        return verified("sms", body, signature, request, (form, account) -> {
            SmsReceived sms = outcomes.mapped(
                    Provider.TWILIO, "sms", () -> TwilioSmsMapper.toEvent(form, subjects.defaultRegion(), receivedAt));
            SubjectId subject = subjectKeys.subjectOf(account.tenant(), sms.from());
            return outcomes.publish(
                            Provider.TWILIO,
                            "sms",
                            outcomes.envelope(
                                    Provider.TWILIO,
                                    EventIds.of("twilio", "sms", sms.messageId()),
                                    account,
                                    subject,
                                    sms))
                    .replaceWith(emptyTwiml());
        });
    }

    @POST
    @Path("/message-status")
    @Operation(summary = "Twilio messaging status callback (delivery states, error 21610)")
    public Uni<Response> messageStatus(
            String body, @HeaderParam("X-Twilio-Signature") String signature, @Context HttpServerRequest request) {
        Instant receivedAt = WebhookOutcomes.now();
        return verified("message-status", body, signature, request, (form, account) -> {
            String decisionId = decisionIds.fromQuery(Provider.TWILIO, "message-status", request.query());
            Optional<MessageStatusChanged> status = outcomes.mapped(
                    Provider.TWILIO,
                    "message-status",
                    () -> TwilioMessageStatusMapper.toEvent(form, subjects.defaultRegion(), receivedAt, decisionId));
            if (status.isEmpty()) {
                outcomes.count(
                        Provider.TWILIO, "message-status", "ignored"); // inbound states: the SMS webhook has them
                return Uni.createFrom().item(Response.noContent().build());
            }
            MessageStatusChanged changed = status.get();
            // outbound: the recipient is the person
            SubjectId subject = subjectKeys.subjectOf(account.tenant(), changed.to());
            String id = EventIds.of(
                    "twilio",
                    "message-status",
                    changed.messageId(),
                    changed.status().name());
            return outcomes.publish(
                            Provider.TWILIO,
                            "message-status",
                            outcomes.envelope(Provider.TWILIO, id, account, subject, changed))
                    .replaceWith(Response.noContent().build());
        });
    }

    @POST
    @Path("/voice-status")
    @Operation(summary = "Twilio voice status callback")
    public Uni<Response> voiceStatus(
            String body, @HeaderParam("X-Twilio-Signature") String signature, @Context HttpServerRequest request) {
        Instant receivedAt = WebhookOutcomes.now();
        return verified("call-status", body, signature, request, (form, account) -> {
            String decisionId = decisionIds.fromQuery(Provider.TWILIO, "call-status", request.query());
            CallStatusChanged call = outcomes.mapped(
                    Provider.TWILIO,
                    "call-status",
                    () -> TwilioCallMapper.toStatusChanged(form, subjects.defaultRegion(), receivedAt, decisionId));
            SubjectId subject = subjectKeys.subjectOf(account.tenant(), TwilioCallMapper.consumerNumber(call));
            // CallSid + SequenceNumber identifies one callback; Twilio retries repeat both.
            String sequence = call.sequenceNumber() == null
                    ? call.status().name()
                    : call.sequenceNumber().toString();
            return callParties
                    .remember(Provider.TWILIO, call.callId(), account.tenant(), subject)
                    .chain(() -> outcomes.publish(
                            Provider.TWILIO,
                            "call-status",
                            outcomes.envelope(
                                    Provider.TWILIO,
                                    EventIds.of("twilio", "call-status", call.callId(), sequence),
                                    account,
                                    subject,
                                    call)))
                    .replaceWith(Response.noContent().build());
        });
    }

    @POST
    @Path("/recording-status")
    @Operation(summary = "Twilio recording status callback")
    public Uni<Response> recordingStatus(
            String body, @HeaderParam("X-Twilio-Signature") String signature, @Context HttpServerRequest request) {
        Instant receivedAt = WebhookOutcomes.now();
        return verified("recording", body, signature, request, (form, account) -> {
            Optional<RecordingAvailable> recording = outcomes.mapped(
                    Provider.TWILIO, "recording", () -> TwilioCallMapper.toRecordingAvailable(form, receivedAt));
            if (recording.isEmpty()) {
                outcomes.count(
                        Provider.TWILIO, "recording", "ignored"); // in-progress, absent or failed: nothing was stored
                return Uni.createFrom().item(Response.noContent().build());
            }
            RecordingAvailable available = recording.get();
            return outcomes.publishOnCall(
                            Provider.TWILIO,
                            "recording",
                            EventIds.of("twilio", "recording", available.recordingId()),
                            account,
                            available.callId(),
                            available)
                    .replaceWith(Response.noContent().build());
        });
    }

    /**
     * Keys the person pressed at a {@code <Gather>}. The mesh never drives a call, so the answer is an empty
     * {@code <Response/>}: as the {@code <Gather action>} itself it ends the call, so a menu the call goes on after is
     * forwarded here by the tenant's own action handler, signed with its auth token like Twilio signs.
     */
    @POST
    @Path("/gather")
    @Produces(MediaType.TEXT_XML)
    @Operation(summary = "Twilio <Gather> action: a menu choice of one or two keys; a longer entry is never kept")
    public Uni<Response> gather(
            String body, @HeaderParam("X-Twilio-Signature") String signature, @Context HttpServerRequest request) {
        Instant receivedAt = WebhookOutcomes.now();
        return verified(KeypadEntries.KIND, body, signature, request, (form, account) -> {
            Optional<KeypadInputReceived> choice = keypad.menuChoice(
                    Provider.TWILIO,
                    form.first("Digits").orElse(""),
                    keys -> new KeypadInputReceived(
                            form.required("CallSid"), Provider.TWILIO, account.accountId(), keys, receivedAt));
            if (choice.isEmpty()) {
                return Uni.createFrom().item(emptyTwiml());
            }
            KeypadInputReceived input = choice.get();
            // Twilio's action request names no gather, so CallSid and the keys are the id: a retry repeats both, and
            // the same keys pressed at two menus of one call are kept once.
            return outcomes.publishOnCall(
                            Provider.TWILIO,
                            KeypadEntries.KIND,
                            EventIds.of("twilio", "keypad", input.callId(), input.digits()),
                            account,
                            input.callId(),
                            input,
                            personOnTheCall(form, account))
                    .replaceWith(emptyTwiml());
        });
    }

    @POST
    @Path("/transcription")
    @Operation(summary = "Twilio transcription callback (record-verb and real-time); published only redacted")
    public Uni<Response> transcription(
            String body, @HeaderParam("X-Twilio-Signature") String signature, @Context HttpServerRequest request) {
        Instant receivedAt = WebhookOutcomes.now();
        return verified("transcript", body, signature, request, (form, account) -> {
            Optional<TwilioTranscriptionMapper.Utterance> utterance =
                    outcomes.mapped(Provider.TWILIO, "transcript", () -> TwilioTranscriptionMapper.toUtterance(form));
            if (utterance.isEmpty()) {
                outcomes.count(
                        Provider.TWILIO,
                        "transcript",
                        "ignored"); // a failed transcription or a start/stop notice: no text
                return Uni.createFrom().item(Response.noContent().build());
            }
            TwilioTranscriptionMapper.Utterance said = utterance.get();
            // Redact before anything leaves this method: the raw text is never published, logged or stored.
            RedactedText redacted = redactor.redact(said.text());
            String transcriptId =
                    EventIds.of("twilio", "transcript", said.transcriptionId(), String.valueOf(said.sequence()));
            TranscriptAvailable transcript = new TranscriptAvailable(
                    said.callId(),
                    Provider.TWILIO,
                    account.accountId(),
                    said.transcriptionId(),
                    said.recordingId(),
                    said.track(),
                    said.sequence(),
                    redacted.text(),
                    redacted.redactions().size(),
                    receivedAt);
            return callParties
                    .subjectOf(Provider.TWILIO, said.callId(), account.tenant())
                    .map(found -> found.orElse(null))
                    .call(subject -> outcomes.publish(
                            Provider.TWILIO,
                            "transcript",
                            outcomes.envelope(Provider.TWILIO, transcriptId, account, subject, transcript)))
                    .call(subject -> redacted.changed()
                            ? outcomes.publish(
                                    Provider.TWILIO,
                                    "redaction",
                                    outcomes.envelope(
                                            Provider.TWILIO,
                                            EventIds.of("twilio", "redaction", transcriptId),
                                            account,
                                            subject,
                                            new SensitiveDataRedacted(
                                                    said.callId(),
                                                    transcriptId,
                                                    "text",
                                                    redacted.redactions(),
                                                    receivedAt)))
                            : Uni.createFrom().voidItem())
                    .replaceWith(Response.noContent().build());
        });
    }

    private static Response emptyTwiml() {
        return Response.ok(EMPTY_TWIML, MediaType.TEXT_XML).build();
    }

    /** The person on the call as the request names them (Direction, From, To: every Twilio voice request has them). */
    private Optional<SubjectId> personOnTheCall(FormBody form, AccountCredentials account) {
        Optional<String> direction = form.first("Direction");
        Optional<String> number = direction.flatMap(
                d -> TwilioCallMapper.direction(d) == CallDirection.INBOUND ? form.first("From") : form.first("To"));
        try {
            return number.map(
                    n -> subjectKeys.subjectOf(account.tenant(), PhoneNumbers.toE164(n, subjects.defaultRegion())));
        } catch (IllegalArgumentException notANumber) {
            return Optional.empty(); // a SIP address or "anonymous": the status callbacks are the only way to know
        }
    }

    /** Verifies the signature against the account's valid credentials, then hands over the form and the account. */
    private Uni<Response> verified(
            String kind,
            String body,
            String signature,
            HttpServerRequest request,
            BiFunction<FormBody, AccountCredentials, Uni<Response>> handler) {
        FormBody form = FormBody.parse(body);
        String url = signedUrl.of(request);
        Optional<String> accountSid = form.first("AccountSid");
        if (accountSid.isEmpty()) {
            throw outcomes.rejected(Provider.TWILIO, kind, "missing-account");
        }
        return accounts.credentials(Provider.TWILIO, accountSid.get()).chain(credentials -> {
            if (credentials.isEmpty()) {
                throw outcomes.rejected(Provider.TWILIO, kind, "unknown-account");
            }
            if (!TwilioSignature.verify(url, form.pairs(), credentials.get().secrets(), signature)) {
                throw outcomes.rejected(Provider.TWILIO, kind, "bad-signature");
            }
            return outcomes.keepingRejected(
                    Provider.TWILIO,
                    credentials.get(),
                    request.path(),
                    request.getHeader("Content-Type"),
                    body,
                    () -> handler.apply(form, credentials.get()));
        });
    }
}
