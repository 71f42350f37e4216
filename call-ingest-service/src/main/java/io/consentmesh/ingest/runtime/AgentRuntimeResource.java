package io.consentmesh.ingest.runtime;

import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.contracts.http.ProblemException;
import io.consentmesh.contracts.subject.SubjectConfig;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.CallbackRequested;
import io.consentmesh.contracts.telephony.DisclosurePlayed;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.RecordingStateChanged;
import io.consentmesh.contracts.telephony.VerbalConsentDetected;
import io.consentmesh.ingest.accounts.AccountCredentials;
import io.consentmesh.ingest.accounts.ProviderAccounts;
import io.consentmesh.ingest.calls.CallParties;
import io.consentmesh.ingest.redaction.SensitiveDataRedactor;
import io.consentmesh.ingest.runtime.RuntimeReports.CallbackRequestReport;
import io.consentmesh.ingest.runtime.RuntimeReports.DisclosurePlayedReport;
import io.consentmesh.ingest.runtime.RuntimeReports.RecordingStateReport;
import io.consentmesh.ingest.runtime.RuntimeReports.Report;
import io.consentmesh.ingest.runtime.RuntimeReports.VerbalConsentReport;
import io.consentmesh.ingest.webhooks.WebhookOutcomes;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The tenant's own agent runtime reports what happened on its calls. Authenticated with
 * {@code Authorization: Bearer <keyId>.<secret>}, where the key is registered like a provider account
 * ({@code /v1/admin/provider-accounts/agent_runtime/<keyId>}) and so belongs to a tenant and can be rotated.
 * Each report is published once (its {@code eventId} derives the event id) and answered 202 with the event id.
 */
@Path("/v1/events")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AgentRuntimeResource {

    private static final Provider RUNTIME = Provider.AGENT_RUNTIME;

    private final ProviderAccounts accounts;
    private final CallParties callParties;
    private final WebhookOutcomes outcomes;
    private final SubjectKeys subjectKeys;
    private final SubjectConfig subjects;
    private final SensitiveDataRedactor redactor = new SensitiveDataRedactor();

    AgentRuntimeResource(
            ProviderAccounts accounts,
            CallParties callParties,
            WebhookOutcomes outcomes,
            SubjectKeys subjectKeys,
            SubjectConfig subjects) {
        this.accounts = accounts;
        this.callParties = callParties;
        this.outcomes = outcomes;
        this.subjectKeys = subjectKeys;
        this.subjects = subjects;
    }

    @POST
    @Path("/disclosure-played")
    @Operation(summary = "The recording disclosure was played on a call")
    public Uni<Response> disclosurePlayed(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, DisclosurePlayedReport report) {
        return accept(
                authorization,
                report,
                "disclosure",
                () -> new DisclosurePlayed(
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
    public Uni<Response> verbalConsent(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, VerbalConsentReport report) {
        return accept(
                authorization,
                report,
                "verbal-consent",
                () -> new VerbalConsentDetected(
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
    public Uni<Response> recordingState(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, RecordingStateReport report) {
        return accept(
                authorization,
                report,
                "recording-state",
                () -> new RecordingStateChanged(report.callId(), RUNTIME, report.state(), report.occurredAt()));
    }

    @POST
    @Path("/callback-requested")
    @Operation(summary = "The person asked to be called back")
    public Uni<Response> callbackRequested(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, CallbackRequestReport report) {
        return accept(
                authorization,
                report,
                "callback",
                () -> new CallbackRequested(report.callId(), RUNTIME, report.preferredAt(), report.occurredAt()));
    }

    private Uni<Response> accept(String authorization, Report report, String kind, Supplier<Object> payload) {
        if (report == null) {
            throw ProblemException.invalidRequest("a JSON body is required");
        }
        return authenticated(authorization).chain(account -> {
            Object event;
            try {
                event = payload.get();
            } catch (IllegalArgumentException e) {
                outcomes.count(RUNTIME, kind, "malformed");
                throw ProblemException.invalidRequest(e.getMessage());
            }
            SubjectId subject = subjectOf(account, report.personNumber());
            String id = EventIds.of("agent-runtime", account.accountId(), report.eventId());
            return callParties
                    .remember(RUNTIME, report.callId(), account.tenant(), subject)
                    .chain(() ->
                            outcomes.publish(RUNTIME, kind, outcomes.envelope(RUNTIME, id, account, subject, event)))
                    .replaceWith(() -> Response.accepted(Map.of("eventId", id)).build());
        });
    }

    private SubjectId subjectOf(AccountCredentials account, String personNumber) {
        return subjectKeys.subjectOf(account.tenant(), personNumber, subjects.defaultRegion(), "personNumber");
    }

    /** {@code Bearer <keyId>.<secret>}: the key id finds the tenant, the secret must match a valid credential. */
    private Uni<AccountCredentials> authenticated(String authorization) {
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        int dot = token.indexOf('.');
        if (dot <= 0) {
            throw unauthenticated();
        }
        String keyId = token.substring(0, dot);
        byte[] presented = token.substring(dot + 1).getBytes(StandardCharsets.UTF_8);
        return accounts.credentials(RUNTIME, keyId).map(credentials -> {
            boolean valid = false;
            for (String secret : credentials.map(AccountCredentials::secrets).orElse(List.of())) {
                valid |= MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), presented);
            }
            if (!valid) {
                throw unauthenticated();
            }
            return credentials.get();
        });
    }

    private static ProblemException unauthenticated() {
        return new ProblemException(
                Problem.of(401, "unauthenticated", "Authentication required", "a valid runtime key is required"));
    }
}
