package io.consentmesh.ingest.twilio;

import io.consentmesh.contracts.telephony.CallDirection;
import io.consentmesh.contracts.telephony.CallStatus;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.RecordingAvailable;
import io.consentmesh.ingest.webhooks.FormBody;
import io.consentmesh.ingest.webhooks.MalformedWebhookException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** Twilio voice status and recording status callbacks to call events. Unknown extra parameters are ignored. */
public final class TwilioCallMapper {

    private TwilioCallMapper() {}

    /** @param decisionId the decision the tenant named on the status callback URL, or null */
    public static CallStatusChanged toStatusChanged(
            FormBody form, String defaultRegion, Instant receivedAt, String decisionId) {
        return new CallStatusChanged(
                form.required("CallSid"),
                Provider.TWILIO,
                form.required("AccountSid"),
                direction(form.required("Direction")),
                form.e164("From", defaultRegion),
                form.e164("To", defaultRegion),
                status(form.required("CallStatus")),
                form.first("SequenceNumber")
                        .map(v -> number(v, "SequenceNumber"))
                        .orElse(null),
                form.first("Timestamp").map(v -> rfc1123(v, "Timestamp")).orElse(receivedAt),
                decisionId);
    }

    /** Only a completed recording is stored anywhere; in-progress, absent and failed ones produce no event. */
    public static Optional<RecordingAvailable> toRecordingAvailable(FormBody form, Instant receivedAt) {
        String status = form.required("RecordingStatus");
        if (!"completed".equals(status)) {
            return Optional.empty();
        }
        return Optional.of(new RecordingAvailable(
                form.required("CallSid"),
                form.required("RecordingSid"),
                Provider.TWILIO,
                form.required("AccountSid"),
                form.required("RecordingUrl"),
                form.first("RecordingStartTime")
                        .map(v -> rfc1123(v, "RecordingStartTime"))
                        .orElse(null),
                form.first("RecordingDuration")
                        .map(v -> count(v, "RecordingDuration"))
                        .orElse(null),
                form.first("RecordingChannels")
                        .map(v -> count(v, "RecordingChannels"))
                        .orElse(null),
                receivedAt));
    }

    /** The consumer-side party: the caller on an inbound call, the called number on an outbound one. */
    public static String consumerNumber(CallStatusChanged call) {
        return call.direction() == CallDirection.INBOUND ? call.from() : call.to();
    }

    static CallDirection direction(String twilioDirection) {
        // inbound | outbound-api | outbound-dial (and trunking variants, which also start with their direction)
        return twilioDirection.toLowerCase(Locale.ROOT).startsWith("inbound")
                ? CallDirection.INBOUND
                : CallDirection.OUTBOUND;
    }

    static CallStatus status(String twilioStatus) {
        return switch (twilioStatus) {
            case "queued", "initiated" -> CallStatus.INITIATED;
            case "ringing" -> CallStatus.RINGING;
            case "in-progress" -> CallStatus.ANSWERED;
            case "completed" -> CallStatus.COMPLETED;
            case "busy" -> CallStatus.BUSY;
            case "no-answer" -> CallStatus.NO_ANSWER;
            case "canceled" -> CallStatus.CANCELED;
            case "failed" -> CallStatus.FAILED;
            default ->
                throw new MalformedWebhookException("CallStatus '" + twilioStatus + "' is not a Twilio call status");
        };
    }

    /** A count Twilio sends (seconds, channels): a whole number from 0 to 2^31 - 1, never wrapped around. */
    private static int count(String value, String name) {
        long number = number(value, name);
        if (number < 0 || number > Integer.MAX_VALUE) {
            throw new MalformedWebhookException(name + " must be a whole number from 0 to " + Integer.MAX_VALUE);
        }
        return (int) number;
    }

    private static long number(String value, String name) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new MalformedWebhookException(name + " must be a number");
        }
    }

    /** Twilio writes times as RFC 1123, e.g. {@code Tue, 10 Aug 2010 16:21:22 +0000}. */
    private static Instant rfc1123(String value, String name) {
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedWebhookException(name + " is not an RFC 1123 date-time");
        }
    }
}
