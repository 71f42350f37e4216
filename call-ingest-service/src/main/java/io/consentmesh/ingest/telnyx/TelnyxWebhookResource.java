package io.consentmesh.ingest.telnyx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.subject.SubjectConfig;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.RecordingAvailable;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.ingest.accounts.AccountCredentials;
import io.consentmesh.ingest.accounts.ProviderAccounts;
import io.consentmesh.ingest.calls.CallParties;
import io.consentmesh.ingest.webhooks.MalformedWebhookException;
import io.consentmesh.ingest.webhooks.WebhookOutcomes;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Telnyx API v2 webhooks, signed with Ed25519. Configure the messaging profile's and the voice connection's webhook
 * URL as {@code <public base>/webhooks/telnyx}. The account is the messaging profile (messages) or the connection
 * (calls); its credential is the Telnyx account's public key as the portal shows it.
 */
@Path("/webhooks/telnyx")
public class TelnyxWebhookResource {

    private static final Provider TELNYX = Provider.TELNYX;

    private final ProviderAccounts accounts;
    private final CallParties callParties;
    private final WebhookOutcomes outcomes;
    private final SubjectKeys subjectKeys;
    private final SubjectConfig subjects;

    TelnyxWebhookResource(
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
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Telnyx webhooks (messages and calls), signed with telnyx-signature-ed25519")
    public Uni<Response> webhook(
            String body,
            @HeaderParam("telnyx-signature-ed25519") String signature,
            @HeaderParam("telnyx-timestamp") String timestamp) {
        Instant now = Instant.now();
        JsonNode webhook = outcomes.mapped(TELNYX, "webhook", () -> parse(body));
        Optional<String> accountId = TelnyxEventMapper.accountId(webhook);
        if (accountId.isEmpty()) {
            throw outcomes.rejected(TELNYX, "webhook", "missing-account");
        }
        return accounts.credentials(TELNYX, accountId.get()).chain(credentials -> {
            if (credentials.isEmpty()) {
                throw outcomes.rejected(TELNYX, "webhook", "unknown-account");
            }
            if (!TelnyxSignature.verify(credentials.get().secrets(), timestamp, body, signature, now)) {
                throw outcomes.rejected(TELNYX, "webhook", "bad-signature");
            }
            return outcomes.keepingRejected(
                            TELNYX,
                            credentials.get(),
                            "/webhooks/telnyx",
                            MediaType.APPLICATION_JSON,
                            body,
                            () -> dispatch(webhook, credentials.get()))
                    .replaceWith(Response.noContent().build());
        });
    }

    private Uni<Void> dispatch(JsonNode webhook, AccountCredentials account) {
        String type = outcomes.mapped(TELNYX, "webhook", () -> TelnyxEventMapper.eventType(webhook));
        String id = EventIds.of("telnyx", outcomes.mapped(TELNYX, type, () -> TelnyxEventMapper.eventId(webhook)));
        String region = subjects.defaultRegion();
        switch (type) {
            case "message.received" -> {
                SmsReceived sms = outcomes.mapped(
                        TELNYX, "sms", () -> TelnyxEventMapper.messageReceived(webhook, account.accountId(), region));
                SubjectId subject = subjectKeys.subjectOf(account.tenant(), sms.from());
                return outcomes.publish(TELNYX, "sms", outcomes.envelope(TELNYX, id, account, subject, sms));
            }
            case "call.initiated", "call.answered", "call.hangup" -> {
                CallStatusChanged call = outcomes.mapped(
                                TELNYX,
                                "call-status",
                                () -> TelnyxEventMapper.callStatus(webhook, account.accountId(), region))
                        .orElseThrow();
                SubjectId subject = subjectKeys.subjectOf(account.tenant(), TelnyxEventMapper.consumerNumber(call));
                return callParties
                        .remember(TELNYX, call.callId(), account.tenant(), subject)
                        .chain(() -> outcomes.publish(
                                TELNYX, "call-status", outcomes.envelope(TELNYX, id, account, subject, call)));
            }
            case "call.recording.saved" -> {
                RecordingAvailable recording = outcomes.mapped(
                        TELNYX, "recording", () -> TelnyxEventMapper.recordingSaved(webhook, account.accountId()));
                return callParties
                        .subjectOf(TELNYX, recording.callId(), account.tenant())
                        .chain(subject -> outcomes.publish(
                                TELNYX,
                                "recording",
                                outcomes.envelope(TELNYX, id, account, subject.orElse(null), recording)));
            }
            default -> {
                // message.sent/finalized, playback and speak events are mapped in later steps; acknowledged now
                outcomes.count(TELNYX, type, "ignored");
                return Uni.createFrom().voidItem();
            }
        }
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode webhook = EventCodec.mapper().readTree(body == null ? "" : body);
            if (webhook == null || !webhook.path("data").isObject()) {
                throw new MalformedWebhookException("a Telnyx webhook is a JSON object with a data object");
            }
            return webhook;
        } catch (JsonProcessingException e) {
            throw new MalformedWebhookException("the body is not JSON");
        }
    }
}
