package io.consentmesh.ingest.telnyx;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentmesh.contracts.subject.PhoneNumbers;
import io.consentmesh.contracts.telephony.CallDirection;
import io.consentmesh.contracts.telephony.CallStatus;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.contracts.telephony.KeypadInputReceived;
import io.consentmesh.contracts.telephony.MediaPlaybackEnded;
import io.consentmesh.contracts.telephony.MediaPlaybackStarted;
import io.consentmesh.contracts.telephony.MessageStatus;
import io.consentmesh.contracts.telephony.MessageStatusChanged;
import io.consentmesh.contracts.telephony.PlaybackKind;
import io.consentmesh.contracts.telephony.PlaybackOutcome;
import io.consentmesh.contracts.telephony.PlayedMedia;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.RecordingAvailable;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.ingest.webhooks.MalformedWebhookException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Telnyx API v2 webhooks ({@code {"data": {"event_type", "id", "occurred_at", "payload"}, "meta": {...}}}) to mesh
 * events. Telnyx neither orders nor de-duplicates its webhooks, so each event carries Telnyx's own time and the
 * envelope id is derived from {@code data.id}, which a retry repeats.
 */
public final class TelnyxEventMapper {

    /** "Blocked due to STOP message": the recipient opted out of this messaging profile (Telnyx's Twilio 21610). */
    static final String BLOCKED_DUE_TO_STOP = "40300";

    private TelnyxEventMapper() {}

    /** The id of the account the event belongs to: the messaging profile for messages, the connection for calls. */
    public static Optional<String> accountId(JsonNode webhook) {
        JsonNode payload = webhook.path("data").path("payload");
        String profile = payload.path("messaging_profile_id").asText("");
        String connection = payload.path("connection_id").asText("");
        return Optional.of(profile.isEmpty() ? connection : profile).filter(id -> !id.isEmpty());
    }

    public static String eventType(JsonNode webhook) {
        return required(webhook.path("data"), "event_type");
    }

    public static String eventId(JsonNode webhook) {
        return required(webhook.path("data"), "id");
    }

    public static SmsReceived messageReceived(JsonNode webhook, String accountId, String defaultRegion) {
        JsonNode payload = webhook.path("data").path("payload");
        JsonNode to = payload.path("to").path(0);
        return new SmsReceived(
                required(payload, "id"),
                Provider.TELNYX,
                accountId,
                e164(payload.path("from").path("phone_number").asText(""), "from.phone_number", defaultRegion),
                e164(to.path("phone_number").asText(""), "to[0].phone_number", defaultRegion),
                payload.path("text").asText(""),
                payload.path("parts").isInt() ? payload.path("parts").asInt() : null,
                null,
                time(payload, "received_at").orElseGet(() -> occurredAt(webhook)));
    }

    /**
     * message.sent and message.finalized of an outbound message: one status per recipient ({@code to[]}, several for a
     * group MMS), keyed later by that recipient. The message's {@code errors[]} apply to every recipient: the first
     * code is kept, and any 40300 means the recipient had opted out.
     *
     * @param decisionId the decision the tenant tagged the message with ({@link #tags}), or null
     */
    public static List<MessageStatusChanged> messageStatuses(
            JsonNode webhook, String accountId, String defaultRegion, String decisionId) {
        JsonNode payload = webhook.path("data").path("payload");
        String messageId = required(payload, "id");
        String from = e164(payload.path("from").path("phone_number").asText(""), "from.phone_number", defaultRegion);
        List<String> errorCodes = new ArrayList<>();
        payload.path("errors").forEach(error -> {
            String code = error.path("code").asText("");
            if (!code.isBlank()) {
                errorCodes.add(code);
            }
        });
        Instant occurredAt = time(payload, "completed_at").orElseGet(() -> occurredAt(webhook));
        JsonNode recipients = payload.path("to");
        if (!recipients.isArray() || recipients.isEmpty()) {
            throw new MalformedWebhookException("to must list the message's recipients");
        }
        List<MessageStatusChanged> statuses = new ArrayList<>();
        for (int i = 0; i < recipients.size(); i++) {
            JsonNode to = recipients.get(i);
            statuses.add(new MessageStatusChanged(
                    messageId,
                    Provider.TELNYX,
                    accountId,
                    from,
                    e164(to.path("phone_number").asText(""), "to[" + i + "].phone_number", defaultRegion),
                    messageStatus(required(to, "status")),
                    errorCodes.isEmpty() ? null : errorCodes.get(0),
                    errorCodes.contains(BLOCKED_DUE_TO_STOP),
                    occurredAt,
                    decisionId));
        }
        return statuses;
    }

    /** call.playback.started (an audio file) and call.speak.started (text-to-speech). */
    public static MediaPlaybackStarted playbackStarted(JsonNode webhook, String accountId) {
        JsonNode payload = webhook.path("data").path("payload");
        return new MediaPlaybackStarted(
                required(payload, "call_session_id"),
                Provider.TELNYX,
                accountId,
                playedMedia(webhook),
                eventId(webhook),
                occurredAt(webhook));
    }

    /** call.playback.ended and call.speak.ended, with how they ended. */
    public static MediaPlaybackEnded playbackEnded(JsonNode webhook, String accountId) {
        JsonNode payload = webhook.path("data").path("payload");
        String status = required(payload, "status");
        return new MediaPlaybackEnded(
                required(payload, "call_session_id"),
                Provider.TELNYX,
                accountId,
                playedMedia(webhook),
                playbackOutcome(status),
                status,
                eventId(webhook),
                occurredAt(webhook));
    }

    private static PlayedMedia playedMedia(JsonNode webhook) {
        JsonNode payload = webhook.path("data").path("payload");
        return new PlayedMedia(
                optional(payload, "call_leg_id"),
                eventType(webhook).startsWith("call.speak.") ? PlaybackKind.SPEECH : PlaybackKind.AUDIO,
                optional(payload, "media_name"),
                optional(payload, "media_url"),
                clientState(webhook));
    }

    /** The {@code client_state} of the command the event answers (Base64, the tenant's own), or null. */
    public static String clientState(JsonNode webhook) {
        return optional(webhook.path("data").path("payload"), "client_state");
    }

    /** A message's {@code tags}, as the tenant gave them with the send. */
    public static List<String> tags(JsonNode webhook) {
        List<String> tags = new ArrayList<>();
        webhook.path("data").path("payload").path("tags").forEach(tag -> tags.add(tag.asText("")));
        return tags;
    }

    /** call.gather.ended: the keys of the whole entry (empty when none were pressed before the timeout). */
    public static String gatheredDigits(JsonNode webhook) {
        return webhook.path("data").path("payload").path("digits").asText("");
    }

    public static KeypadInputReceived keypadInput(JsonNode webhook, String accountId, String digits) {
        return new KeypadInputReceived(
                required(webhook.path("data").path("payload"), "call_session_id"),
                Provider.TELNYX,
                accountId,
                digits,
                occurredAt(webhook));
    }

    static MessageStatus messageStatus(String telnyxStatus) {
        return switch (telnyxStatus) {
            case "queued" -> MessageStatus.QUEUED;
            case "sending" -> MessageStatus.SENDING;
            // delivery_unconfirmed: it left Telnyx but the carrier sent no receipt
            case "sent", "delivery_unconfirmed" -> MessageStatus.SENT;
            case "delivered" -> MessageStatus.DELIVERED;
            case "sending_failed" -> MessageStatus.FAILED; // never left Telnyx
            case "delivery_failed", "expired" -> MessageStatus.UNDELIVERED; // the carrier did not deliver it
            default ->
                throw new MalformedWebhookException(
                        "to[].status '" + telnyxStatus + "' is not a Telnyx message status");
        };
    }

    /** Telnyx's playback and speak {@code status}; a word it adds later is kept as UNKNOWN (the raw word travels too). */
    static PlaybackOutcome playbackOutcome(String telnyxStatus) {
        return switch (telnyxStatus) {
            case "completed" -> PlaybackOutcome.COMPLETED;
            case "cancelled" -> PlaybackOutcome.CANCELED;
            case "call_hangup" -> PlaybackOutcome.CALL_HUNG_UP;
            case "cancelled_amd" -> PlaybackOutcome.MACHINE_DETECTED;
            case "file_not_found", "failed" -> PlaybackOutcome.FAILED;
            default -> PlaybackOutcome.UNKNOWN;
        };
    }

    /**
     * call.initiated, call.answered and call.hangup; empty for the other call events.
     *
     * @param decisionId the decision the tenant named in the call's {@link #clientState}, or null
     */
    public static Optional<CallStatusChanged> callStatus(
            JsonNode webhook, String accountId, String defaultRegion, String decisionId) {
        JsonNode payload = webhook.path("data").path("payload");
        CallStatus status =
                switch (eventType(webhook)) {
                    case "call.initiated" -> CallStatus.INITIATED;
                    case "call.answered" -> CallStatus.ANSWERED;
                    case "call.hangup" ->
                        hangupStatus(payload.path("hangup_cause").asText(""));
                    default -> null;
                };
        if (status == null) {
            return Optional.empty();
        }
        return Optional.of(new CallStatusChanged(
                required(payload, "call_session_id"),
                Provider.TELNYX,
                accountId,
                direction(payload),
                e164(required(payload, "from"), "from", defaultRegion),
                e164(required(payload, "to"), "to", defaultRegion),
                status,
                null,
                occurredAt(webhook),
                decisionId));
    }

    public static RecordingAvailable recordingSaved(JsonNode webhook, String accountId) {
        JsonNode payload = webhook.path("data").path("payload");
        JsonNode urls = payload.path("recording_urls");
        String uri = urls.path("wav").asText(urls.path("mp3").asText(""));
        if (uri.isEmpty()) {
            throw new MalformedWebhookException("recording_urls has neither wav nor mp3");
        }
        Optional<Instant> started = time(payload, "recording_started_at");
        Optional<Instant> ended = time(payload, "recording_ended_at");
        Integer duration = started.isPresent() && ended.isPresent()
                ? (int) Duration.between(started.get(), ended.get()).toSeconds()
                : null;
        String channels = payload.path("channels").asText("");
        return new RecordingAvailable(
                required(payload, "call_session_id"),
                payload.path("recording_id").asText(eventId(webhook)),
                Provider.TELNYX,
                accountId,
                uri,
                started.orElse(null),
                duration,
                "dual".equals(channels) ? 2 : "single".equals(channels) ? 1 : null,
                occurredAt(webhook));
    }

    /** The consumer-side party: the caller on an incoming call, the called number on an outgoing one. */
    public static String consumerNumber(CallStatusChanged call) {
        return call.direction() == CallDirection.INBOUND ? call.from() : call.to();
    }

    private static CallDirection direction(JsonNode payload) {
        return "incoming".equals(payload.path("direction").asText("")) ? CallDirection.INBOUND : CallDirection.OUTBOUND;
    }

    static CallStatus hangupStatus(String cause) {
        return switch (cause) {
            case "user_busy" -> CallStatus.BUSY;
            case "no_answer", "timeout" -> CallStatus.NO_ANSWER;
            case "originator_cancel" -> CallStatus.CANCELED;
            case "call_rejected", "not_found" -> CallStatus.FAILED;
            default -> CallStatus.COMPLETED; // normal_clearing, time_limit, unspecified
        };
    }

    private static Instant occurredAt(JsonNode webhook) {
        return time(webhook.path("data"), "occurred_at")
                .orElseThrow(() -> new MalformedWebhookException("data.occurred_at is required"));
    }

    private static Optional<Instant> time(JsonNode node, String field) {
        String value = node.path(field).asText("");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            throw new MalformedWebhookException(field + " is not an ISO-8601 date-time");
        }
    }

    private static String optional(JsonNode node, String field) {
        String value = node.path(field).asText("");
        return value.isBlank() ? null : value;
    }

    private static String required(JsonNode node, String field) {
        String value = node.path(field).asText("");
        if (value.isBlank()) {
            throw new MalformedWebhookException(field + " is required");
        }
        return value;
    }

    private static String e164(String number, String field, String defaultRegion) {
        try {
            return PhoneNumbers.toE164(number, defaultRegion);
        } catch (PhoneNumbers.InvalidPhoneNumberException e) {
            throw new MalformedWebhookException(field + ": " + e.getMessage());
        }
    }
}
