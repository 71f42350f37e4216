package io.consentmesh.ingest.telnyx;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentmesh.contracts.subject.PhoneNumbers;
import io.consentmesh.contracts.telephony.CallDirection;
import io.consentmesh.contracts.telephony.CallStatus;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.RecordingAvailable;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.ingest.webhooks.MalformedWebhookException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Telnyx API v2 webhooks ({@code {"data": {"event_type", "id", "occurred_at", "payload"}, "meta": {...}}}) to mesh
 * events. Telnyx neither orders nor de-duplicates its webhooks, so each event carries Telnyx's own time and the
 * envelope id is derived from {@code data.id}, which a retry repeats.
 */
public final class TelnyxEventMapper {

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

    /** call.initiated, call.answered and call.hangup; empty for the other call events. */
    public static Optional<CallStatusChanged> callStatus(JsonNode webhook, String accountId, String defaultRegion) {
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
                occurredAt(webhook)));
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

    private static CallStatus hangupStatus(String cause) {
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
