package io.consentmesh.ingest.twilio;

import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.contracts.http.ProblemException;
import io.consentmesh.contracts.subject.SubjectConfig;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.RecordingAvailable;
import io.consentmesh.contracts.telephony.SensitiveDataRedacted;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.contracts.telephony.TranscriptAvailable;
import io.consentmesh.ingest.accounts.AccountCredentials;
import io.consentmesh.ingest.accounts.ProviderAccounts;
import io.consentmesh.ingest.calls.CallParties;
import io.consentmesh.ingest.publishing.EventPublisher;
import io.consentmesh.ingest.redaction.RedactedText;
import io.consentmesh.ingest.redaction.SensitiveDataRedactor;
import io.consentmesh.ingest.webhooks.FormBody;
import io.consentmesh.ingest.webhooks.SignedUrl;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Twilio webhooks, all form-encoded and signed with {@code X-Twilio-Signature}. Configure at Twilio:
 * Messaging "A message comes in" → {@code /webhooks/twilio/sms}; Voice "Call status changes" →
 * {@code /webhooks/twilio/voice-status}; recording status callback → {@code /webhooks/twilio/recording-status};
 * {@code transcribeCallback} and real-time transcription callbacks → {@code /webhooks/twilio/transcription}.
 */
@Path("/webhooks/twilio")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class TwilioWebhookResource {

    /** TwiML that does nothing: the mesh records, it never replies on the tenant's behalf from here. */
    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private final ProviderAccounts accounts;
    private final EventPublisher publisher;
    private final CallParties callParties;
    private final SignedUrl signedUrl;
    private final SubjectKeys subjectKeys;
    private final SubjectConfig subjects;
    private final MeterRegistry metrics;
    private final SensitiveDataRedactor redactor = new SensitiveDataRedactor();

    TwilioWebhookResource(
            ProviderAccounts accounts,
            EventPublisher publisher,
            CallParties callParties,
            SignedUrl signedUrl,
            SubjectKeys subjectKeys,
            SubjectConfig subjects,
            MeterRegistry metrics) {
        this.accounts = accounts;
        this.publisher = publisher;
        this.callParties = callParties;
        this.signedUrl = signedUrl;
        this.subjectKeys = subjectKeys;
        this.subjects = subjects;
        this.metrics = metrics;
    }

    @POST
    @Path("/sms")
    @Produces(MediaType.TEXT_XML)
    @Operation(summary = "Twilio inbound SMS")
    public Uni<Response> inboundSms(
            String body, @HeaderParam("X-Twilio-Signature") String signature, @Context HttpServerRequest request) {
        Instant receivedAt = now();
        return verified("sms", body, signature, request, (form, account) -> {
            SmsReceived sms = mapped("sms", () -> TwilioSmsMapper.toEvent(form, subjects.defaultRegion(), receivedAt));
            SubjectId subject = subjectKeys.subjectOf(account.tenant(), sms.from());
            return publish("sms", envelope(EventIds.of("twilio", "sms", sms.messageId()), account, subject, sms))
                    .replaceWith(Response.ok(EMPTY_TWIML, MediaType.TEXT_XML).build());
        });
    }

    @POST
    @Path("/voice-status")
    @Operation(summary = "Twilio voice status callback")
    public Uni<Response> voiceStatus(
            String body, @HeaderParam("X-Twilio-Signature") String signature, @Context HttpServerRequest request) {
        Instant receivedAt = now();
        return verified("call-status", body, signature, request, (form, account) -> {
            CallStatusChanged call = mapped(
                    "call-status", () -> TwilioCallMapper.toStatusChanged(form, subjects.defaultRegion(), receivedAt));
            SubjectId subject = subjectKeys.subjectOf(account.tenant(), TwilioCallMapper.consumerNumber(call));
            // CallSid + SequenceNumber identifies one callback; Twilio retries repeat both.
            String sequence = call.sequenceNumber() == null
                    ? call.status().name()
                    : call.sequenceNumber().toString();
            return callParties
                    .remember(Provider.TWILIO, call.callId(), account.tenant(), subject)
                    .chain(() -> publish(
                            "call-status",
                            envelope(
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
        Instant receivedAt = now();
        return verified("recording", body, signature, request, (form, account) -> {
            Optional<RecordingAvailable> recording =
                    mapped("recording", () -> TwilioCallMapper.toRecordingAvailable(form, receivedAt));
            if (recording.isEmpty()) {
                count("recording", "ignored"); // in-progress, absent or failed: nothing was stored
                return Uni.createFrom().item(Response.noContent().build());
            }
            RecordingAvailable available = recording.get();
            // This callback does not name the parties; the call's status callbacks told us who the person is.
            return callParties
                    .subjectOf(Provider.TWILIO, available.callId(), account.tenant())
                    .chain(subject -> publish(
                            "recording",
                            envelope(
                                    EventIds.of("twilio", "recording", available.recordingId()),
                                    account,
                                    subject.orElse(null),
                                    available)))
                    .replaceWith(Response.noContent().build());
        });
    }

    @POST
    @Path("/transcription")
    @Operation(summary = "Twilio transcription callback (record-verb and real-time); published only redacted")
    public Uni<Response> transcription(
            String body, @HeaderParam("X-Twilio-Signature") String signature, @Context HttpServerRequest request) {
        Instant receivedAt = now();
        return verified("transcript", body, signature, request, (form, account) -> {
            Optional<TwilioTranscriptionMapper.Utterance> utterance =
                    mapped("transcript", () -> TwilioTranscriptionMapper.toUtterance(form));
            if (utterance.isEmpty()) {
                count("transcript", "ignored"); // a failed transcription or a start/stop notice: no text
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
                    .call(subject -> publish("transcript", envelope(transcriptId, account, subject, transcript)))
                    .call(subject -> redacted.changed()
                            ? publish(
                                    "redaction",
                                    envelope(
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
            throw rejected(kind, "missing-account");
        }
        return accounts.credentials(Provider.TWILIO, accountSid.get()).chain(credentials -> {
            if (credentials.isEmpty()) {
                throw rejected(kind, "unknown-account");
            }
            if (!TwilioSignature.verify(url, form.pairs(), credentials.get().secrets(), signature)) {
                throw rejected(kind, "bad-signature");
            }
            return handler.apply(form, credentials.get());
        });
    }

    private <T> T mapped(String kind, Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (ProblemException e) {
            count(kind, "malformed");
            throw e;
        }
    }

    private Uni<Void> publish(String kind, EventEnvelope<?> event) {
        return publisher
                .publishOnce(event)
                .onFailure()
                .invoke(() -> count(kind, "unavailable"))
                .invoke(published -> count(kind, published ? "accepted" : "duplicate"))
                .replaceWithVoid();
    }

    private static <T> EventEnvelope<T> envelope(String id, AccountCredentials account, SubjectId subject, T payload) {
        return EventEnvelope.of(
                id,
                URI.create("/call-ingest/twilio/" + account.accountId()),
                account.tenant(),
                subject,
                now(),
                payload);
    }

    /** Providers send second precision at best; PostgreSQL keeps microseconds. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** 403 that tells a forger nothing: the same answer for an unknown account and a wrong signature. */
    private ProblemException rejected(String kind, String reason) {
        count(kind, reason);
        return new ProblemException(
                Problem.of(403, "signature-rejected", "Signature rejected", "the request signature is not valid"));
    }

    private void count(String kind, String outcome) {
        metrics.counter("mesh.ingest.webhooks", "provider", "twilio", "kind", kind, "outcome", outcome)
                .increment();
    }
}
