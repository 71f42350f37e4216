package io.consentmesh.ingest.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentmesh.contracts.billing.BankAccountLinked;
import io.consentmesh.contracts.billing.BankAccountUnlinked;
import io.consentmesh.contracts.billing.SubscriptionEnded;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.CallbackRequested;
import io.consentmesh.contracts.telephony.DisclosurePlayed;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.RecordingStateChanged;
import io.consentmesh.contracts.telephony.VerbalConsentDetected;
import io.consentmesh.ingest.accounts.AccountCredentials;
import io.consentmesh.ingest.calls.CallParties;
import io.consentmesh.ingest.redaction.SensitiveDataRedactor;
import io.consentmesh.ingest.runtime.RuntimeReports.BankAccountReport;
import io.consentmesh.ingest.runtime.RuntimeReports.CallReport;
import io.consentmesh.ingest.runtime.RuntimeReports.CallbackRequestReport;
import io.consentmesh.ingest.runtime.RuntimeReports.DisclosurePlayedReport;
import io.consentmesh.ingest.runtime.RuntimeReports.RecordingStateReport;
import io.consentmesh.ingest.runtime.RuntimeReports.Report;
import io.consentmesh.ingest.runtime.RuntimeReports.SubscriptionEndedReport;
import io.consentmesh.ingest.runtime.RuntimeReports.VerbalConsentReport;
import io.consentmesh.ingest.webhooks.MalformedWebhookException;
import io.consentmesh.ingest.webhooks.WebhookOutcomes;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.runtime.http.ProblemMappers;
import io.consentmesh.runtime.subject.SubjectConfig;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The tenant's own agent runtime reports what happened on its calls and in its billing. Authenticated with
 * {@code Authorization: Bearer <keyId>.<secret>}, where the key is registered like a provider account
 * ({@code /v1/admin/provider-accounts/agent_runtime/<keyId>}) and so belongs to a tenant and can be rotated; only its
 * hash is stored ({@link RuntimeKeys}).
 * Each report is published once (its {@code eventId} derives the event id) and answered 202 with the event id. The
 * key is checked before the body is read; an authenticated report that is invalid is answered 400 and kept, body
 * encrypted, on {@code ingest.rejected.v1}, like a provider's malformed webhook.
 */
@Path("/v1/events")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@PermitAll // the tenant's agent runtime signs with its own key (ProviderAccounts)
public class AgentRuntimeResource {

    private static final Provider RUNTIME = Provider.AGENT_RUNTIME;

    private final RuntimeKeys runtimeKeys;
    private final CallParties callParties;
    private final WebhookOutcomes outcomes;
    private final SubjectKeys subjectKeys;
    private final SubjectConfig subjects;
    /** The services' request-body reader: the input rules with each field's documented length limit. */
    private final ObjectMapper json;

    private final SensitiveDataRedactor redactor = new SensitiveDataRedactor();

    AgentRuntimeResource(
            RuntimeKeys runtimeKeys,
            CallParties callParties,
            WebhookOutcomes outcomes,
            SubjectKeys subjectKeys,
            SubjectConfig subjects,
            ObjectMapper json) {
        this.json = json;
        this.runtimeKeys = runtimeKeys;
        this.callParties = callParties;
        this.outcomes = outcomes;
        this.subjectKeys = subjectKeys;
        this.subjects = subjects;
    }

    @POST
    @Path("/disclosure-played")
    @Operation(summary = "The recording disclosure was played on a call")
    public Uni<Response> disclosurePlayed(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return accept(
                authorization,
                "disclosure-played",
                "disclosure",
                body,
                DisclosurePlayedReport.class,
                report -> new DisclosurePlayed(
                        report.callId(),
                        RUNTIME,
                        report.announcementId(),
                        report.announcementVersion(),
                        report.language(),
                        report.startedAt(),
                        report.endedAt(),
                        report.playedToEnd()));
    }

    @POST
    @Path("/verbal-consent")
    @Operation(summary = "The person gave or revoked consent on the call (e.g. \"stop calling me\")")
    public Uni<Response> verbalConsent(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return accept(
                authorization,
                "verbal-consent",
                "verbal-consent",
                body,
                VerbalConsentReport.class,
                report -> new VerbalConsentDetected(
                        report.callId(),
                        RUNTIME,
                        report.intent(),
                        report.transcriptOffsetMillis(),
                        redactor.redact(report.utterance()).text(), // the words are transcript: redacted like one
                        report.confidence(),
                        report.occurredAt()));
    }

    @POST
    @Path("/recording-state")
    @Operation(summary = "Recording started, paused, resumed or stopped")
    public Uni<Response> recordingState(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return accept(
                authorization,
                "recording-state",
                "recording-state",
                body,
                RecordingStateReport.class,
                report -> new RecordingStateChanged(report.callId(), RUNTIME, report.state(), report.occurredAt()));
    }

    @POST
    @Path("/callback-requested")
    @Operation(summary = "The person asked to be called back")
    public Uni<Response> callbackRequested(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return accept(
                authorization,
                "callback-requested",
                "callback",
                body,
                CallbackRequestReport.class,
                report -> new CallbackRequested(report.callId(), RUNTIME, report.preferredAt(), report.occurredAt()));
    }

    @POST
    @Path("/bank-account-linked")
    @Operation(summary = "The person linked a bank account (the verification provider's record id, never the account)")
    public Uni<Response> bankAccountLinked(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return accept(
                authorization,
                "bank-account-linked",
                "billing",
                body,
                BankAccountReport.class,
                report -> new BankAccountLinked(report.billingAccountId(), report.verification(), report.occurredAt()));
    }

    @POST
    @Path("/bank-account-unlinked")
    @Operation(summary = "The person's bank account was unlinked")
    public Uni<Response> bankAccountUnlinked(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return accept(
                authorization,
                "bank-account-unlinked",
                "billing",
                body,
                BankAccountReport.class,
                report ->
                        new BankAccountUnlinked(report.billingAccountId(), report.verification(), report.occurredAt()));
    }

    @POST
    @Path("/subscription-ended")
    @Operation(summary = "The person's subscription ended")
    public Uni<Response> subscriptionEnded(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return accept(
                authorization,
                "subscription-ended",
                "billing",
                body,
                SubscriptionEndedReport.class,
                report -> new SubscriptionEnded(
                        report.billingAccountId(), report.subscriptionId(), report.reason(), report.endedAt()));
    }

    /**
     * Authenticates, then reads and publishes the report; anything invalid in it is a 400 whose request is kept.
     *
     * @param endpoint the path below /v1/events, which names the report in a kept request
     * @param kind the metric's {@code kind}
     */
    private <R extends Report> Uni<Response> accept(
            String authorization,
            String endpoint,
            String kind,
            byte[] body,
            Class<R> reportType,
            Function<R, Object> toEvent) {
        return authenticated(authorization)
                .chain(account -> outcomes.keepingRejected(
                        RUNTIME,
                        account,
                        "/v1/events/" + endpoint,
                        MediaType.APPLICATION_JSON,
                        new String(body, StandardCharsets.UTF_8),
                        () -> publish(account, kind, utf8(body), reportType, toEvent)));
    }

    /** The body as text; bytes that are not UTF-8 are refused, never replaced. */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            throw new MalformedWebhookException("the body is not valid UTF-8");
        }
    }

    private <R extends Report> Uni<Response> publish(
            AccountCredentials account, String kind, String body, Class<R> reportType, Function<R, Object> toEvent) {
        R report = outcomes.mapped(RUNTIME, kind, () -> read(body, reportType));
        Object event = outcomes.mapped(RUNTIME, kind, () -> valid(() -> toEvent.apply(report)));
        SubjectId subject =
                outcomes.mapped(RUNTIME, kind, () -> valid(() -> subjectOf(account, report.personNumber())));
        String id = EventIds.of("agent-runtime", account.accountId(), report.eventId());
        Uni<Void> remembered = report instanceof CallReport call
                ? callParties.remember(RUNTIME, call.callId(), account.tenant(), subject)
                : Uni.createFrom().voidItem();
        return remembered
                .chain(() -> outcomes.publish(RUNTIME, kind, outcomes.envelope(RUNTIME, id, account, subject, event)))
                .replaceWith(() -> Response.accepted(Map.of("eventId", id)).build());
    }

    private <R> R read(String body, Class<R> reportType) {
        if (body == null || body.isBlank()) {
            throw new MalformedWebhookException("a JSON body is required");
        }
        try {
            R report = json.readValue(body, reportType);
            if (report == null) {
                throw new MalformedWebhookException("a JSON body is required");
            }
            return report;
        } catch (JsonProcessingException e) {
            // names the field or rule that failed, never a value
            throw new MalformedWebhookException(ProblemMappers.ofJson(e).detail());
        }
    }

    /** A report the event records refuse (e.g. an end before its start) is malformed, like a bad webhook. */
    private static <T> T valid(Supplier<T> building) {
        try {
            return building.get();
        } catch (IllegalArgumentException e) {
            throw new MalformedWebhookException(e.getMessage());
        }
    }

    private SubjectId subjectOf(AccountCredentials account, String personNumber) {
        return subjectKeys.subjectOf(account.tenant(), personNumber, subjects.defaultRegion(), "personNumber");
    }

    /** {@code Bearer <keyId>.<secret>}: the key id finds the tenant, the secret must match a valid credential's hash. */
    private Uni<AccountCredentials> authenticated(String authorization) {
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        int dot = token.indexOf('.');
        if (dot <= 0) {
            throw unauthenticated();
        }
        return runtimeKeys
                .authenticate(token.substring(0, dot), token.substring(dot + 1))
                .map(account -> account.orElseThrow(AgentRuntimeResource::unauthenticated));
    }

    private static ProblemException unauthenticated() {
        return new ProblemException(
                Problem.of(401, "unauthenticated", "Authentication required", "a valid runtime key is required"));
    }
}
