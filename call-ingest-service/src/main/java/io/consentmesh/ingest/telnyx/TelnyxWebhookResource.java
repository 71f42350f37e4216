package io.consentmesh.ingest.telnyx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.contracts.telephony.KeypadInputReceived;
import io.consentmesh.contracts.telephony.MediaPlaybackEnded;
import io.consentmesh.contracts.telephony.MediaPlaybackStarted;
import io.consentmesh.contracts.telephony.MessageStatusChanged;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.RecordingAvailable;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.ingest.accounts.AccountCredentials;
import io.consentmesh.ingest.accounts.ProviderAccounts;
import io.consentmesh.ingest.calls.CallParties;
import io.consentmesh.ingest.webhooks.DecisionIds;
import io.consentmesh.ingest.webhooks.KeypadEntries;
import io.consentmesh.ingest.webhooks.MalformedWebhookException;
import io.consentmesh.ingest.webhooks.WebhookOutcomes;
import io.consentmesh.runtime.subject.SubjectConfig;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Telnyx API v2 webhooks, signed with Ed25519. Configure the messaging profile's and the voice connection's webhook
 * URL as {@code <public base>/webhooks/telnyx}. The account is the messaging profile (messages) or the connection
 * (calls); its credential is the Telnyx account's public key as the portal shows it. The tenant names the consent
 * decision of a send with the message tag {@code decision:<id>}, of an outbound call with the dial command's
 * {@code client_state} (Base64 of {@code decision:<id>}).
 */
@Path("/webhooks/telnyx")
@PermitAll // verified by telnyx-signature-ed25519
public class TelnyxWebhookResource {

    private static final Provider TELNYX = Provider.TELNYX;

    private final ProviderAccounts accounts;
    private final CallParties callParties;
    private final WebhookOutcomes outcomes;
    private final SubjectKeys subjectKeys;
    private final SubjectConfig subjects;
    private final DecisionIds decisionIds;
    private final KeypadEntries keypad;

    TelnyxWebhookResource(
            ProviderAccounts accounts,
            CallParties callParties,
            WebhookOutcomes outcomes,
            SubjectKeys subjectKeys,
            SubjectConfig subjects,
            DecisionIds decisionIds,
            KeypadEntries keypad) {
        this.accounts = accounts;
        this.callParties = callParties;
        this.outcomes = outcomes;
        this.subjectKeys = subjectKeys;
        this.subjects = subjects;
        this.decisionIds = decisionIds;
        this.keypad = keypad;
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
        String telnyxId = outcomes.mapped(TELNYX, type, () -> TelnyxEventMapper.eventId(webhook));
        String id = EventIds.of("telnyx", telnyxId);
        String region = subjects.defaultRegion();
        switch (type) {
            case "message.received" -> {
                SmsReceived sms = outcomes.mapped(
                        TELNYX, "sms", () -> TelnyxEventMapper.messageReceived(webhook, account.accountId(), region));
                SubjectId subject = subjectKeys.subjectOf(account.tenant(), sms.from());
                return outcomes.publish(TELNYX, "sms", outcomes.envelope(TELNYX, id, account, subject, sms));
            }
            case "call.initiated", "call.answered", "call.hangup" -> {
                String decisionId =
                        decisionIds.fromClientState(TELNYX, "call-status", TelnyxEventMapper.clientState(webhook));
                CallStatusChanged call = outcomes.mapped(
                                TELNYX,
                                "call-status",
                                () -> TelnyxEventMapper.callStatus(webhook, account.accountId(), region, decisionId))
                        .orElseThrow();
                SubjectId subject = subjectKeys.subjectOf(account.tenant(), TelnyxEventMapper.consumerNumber(call));
                return callParties
                        .remember(TELNYX, call.callId(), account.tenant(), subject)
                        .chain(() -> outcomes.publish(
                                TELNYX, "call-status", outcomes.envelope(TELNYX, id, account, subject, call)));
            }
            case "message.sent", "message.finalized" -> {
                String decisionId = decisionIds.fromTags(TELNYX, "message-status", TelnyxEventMapper.tags(webhook));
                List<MessageStatusChanged> statuses = outcomes.mapped(
                        TELNYX,
                        "message-status",
                        () -> TelnyxEventMapper.messageStatuses(webhook, account.accountId(), region, decisionId));
                // one event per recipient, each keyed by that recipient; a retry repeats data.id and the order of to[]
                Uni<Void> published = Uni.createFrom().voidItem();
                for (int i = 0; i < statuses.size(); i++) {
                    MessageStatusChanged status = statuses.get(i);
                    String recipientId = EventIds.of("telnyx", telnyxId, "to", String.valueOf(i));
                    SubjectId subject = subjectKeys.subjectOf(account.tenant(), status.to());
                    published = published.chain(() -> outcomes.publish(
                            TELNYX,
                            "message-status",
                            outcomes.envelope(TELNYX, recipientId, account, subject, status)));
                }
                return published;
            }
            case "call.playback.started", "call.speak.started" -> {
                MediaPlaybackStarted started = outcomes.mapped(
                        TELNYX, "playback", () -> TelnyxEventMapper.playbackStarted(webhook, account.accountId()));
                return outcomes.publishOnCall(TELNYX, "playback", id, account, started.callId(), started);
            }
            case "call.playback.ended", "call.speak.ended" -> {
                MediaPlaybackEnded ended = outcomes.mapped(
                        TELNYX, "playback", () -> TelnyxEventMapper.playbackEnded(webhook, account.accountId()));
                return outcomes.publishOnCall(TELNYX, "playback", id, account, ended.callId(), ended);
            }
            case "call.recording.saved" -> {
                RecordingAvailable recording = outcomes.mapped(
                        TELNYX, "recording", () -> TelnyxEventMapper.recordingSaved(webhook, account.accountId()));
                return outcomes.publishOnCall(TELNYX, "recording", id, account, recording.callId(), recording);
            }
            case "call.gather.ended" -> {
                Optional<KeypadInputReceived> choice = keypad.menuChoice(
                        TELNYX,
                        TelnyxEventMapper.gatheredDigits(webhook),
                        keys -> TelnyxEventMapper.keypadInput(webhook, account.accountId(), keys));
                return choice.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : outcomes.publishOnCall(
                                TELNYX,
                                KeypadEntries.KIND,
                                id,
                                account,
                                choice.get().callId(),
                                choice.get());
            }
            default -> {
                // other events (call.bridged, ...) say nothing the mesh keeps as evidence. call.dtmf.received is
                // one key of an entry of any length, a card number too: only call.gather.ended's whole entry is kept.
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
