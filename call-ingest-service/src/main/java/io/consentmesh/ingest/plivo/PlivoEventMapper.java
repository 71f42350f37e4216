package io.consentmesh.ingest.plivo;

import io.consentmesh.contracts.subject.PhoneNumbers;
import io.consentmesh.contracts.telephony.CallDirection;
import io.consentmesh.contracts.telephony.CallStatus;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.contracts.telephony.MessageStatus;
import io.consentmesh.contracts.telephony.MessageStatusChanged;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.ingest.webhooks.FormBody;
import io.consentmesh.ingest.webhooks.MalformedWebhookException;
import java.time.Instant;

/**
 * Plivo's form callbacks (inbound message to {@code message_url}; the {@code url} of a sent message; {@code ring_url}
 * and {@code hangup_url} of calls) to
 * mesh events. Unknown extra parameters are ignored. Plivo's callback times ({@code StartTime}, {@code EndTime}) are
 * in the account's console time zone, which the callback does not name, so the time of receipt is used instead.
 */
public final class PlivoEventMapper {

    private PlivoEventMapper() {}

    public static SmsReceived smsReceived(FormBody form, String authId, String defaultRegion, Instant receivedAt) {
        return new SmsReceived(
                form.required("MessageUUID"),
                Provider.PLIVO,
                authId,
                number(form, "From", defaultRegion),
                number(form, "To", defaultRegion),
                form.first("Text").orElse(""),
                form.first("Units")
                        .filter(v -> !v.isBlank())
                        .map(PlivoEventMapper::count)
                        .orElse(null),
                // Plivo's keyword verdict as it writes it: optout, optin or help; blank for anything else
                form.first("MessageIntent").filter(v -> !v.isBlank()).orElse(null),
                receivedAt);
    }

    /**
     * The delivery report of a message the tenant sent. Plivo's opt-out error is not in our reference, so no report is
     * taken as the recipient's opt-out.
     *
     * @param decisionId the decision the tenant named on the callback URL, or null
     */
    public static MessageStatusChanged messageStatus(
            FormBody form, String authId, String defaultRegion, Instant receivedAt, String decisionId) {
        return new MessageStatusChanged(
                form.required("MessageUUID"),
                Provider.PLIVO,
                authId,
                number(form, "From", defaultRegion),
                number(form, "To", defaultRegion),
                messageStatus(form.required("Status")),
                form.first("ErrorCode").filter(v -> !v.isBlank()).orElse(null),
                false,
                receivedAt,
                decisionId);
    }

    /** @param decisionId the decision the tenant named on the callback URL, or null */
    public static CallStatusChanged callStatus(
            FormBody form, String authId, String defaultRegion, Instant receivedAt, String decisionId) {
        return new CallStatusChanged(
                form.required("CallUUID"),
                Provider.PLIVO,
                authId,
                direction(form.required("Direction")),
                number(form, "From", defaultRegion),
                number(form, "To", defaultRegion),
                status(form.required("CallStatus")),
                null, // Plivo numbers no callbacks; the status tells them apart
                receivedAt,
                decisionId);
    }

    /** The consumer-side party: the caller on an inbound call, the called number on an outbound one. */
    public static String consumerNumber(CallStatusChanged call) {
        return call.direction() == CallDirection.INBOUND ? call.from() : call.to();
    }

    static CallDirection direction(String plivoDirection) {
        return switch (plivoDirection) {
            case "inbound" -> CallDirection.INBOUND;
            case "outbound" -> CallDirection.OUTBOUND;
            default -> throw new MalformedWebhookException("Direction must be inbound or outbound");
        };
    }

    static CallStatus status(String plivoStatus) {
        return switch (plivoStatus) {
            case "ringing" -> CallStatus.RINGING;
            case "in-progress" -> CallStatus.ANSWERED;
            case "completed" -> CallStatus.COMPLETED;
            case "busy" -> CallStatus.BUSY;
            case "no-answer" -> CallStatus.NO_ANSWER;
            case "cancel" -> CallStatus.CANCELED;
            // Plivo: a timeout while connecting, at a carrier or in Plivo; the call never reached the person
            case "failed", "timeout" -> CallStatus.FAILED;
            default ->
                throw new MalformedWebhookException("CallStatus '" + plivoStatus + "' is not a Plivo call status");
        };
    }

    static MessageStatus messageStatus(String plivoStatus) {
        return switch (plivoStatus) {
            case "queued" -> MessageStatus.QUEUED;
            case "sent" -> MessageStatus.SENT;
            case "delivered" -> MessageStatus.DELIVERED;
            case "undelivered" -> MessageStatus.UNDELIVERED; // the carrier did not deliver it
            case "failed", "rejected" -> MessageStatus.FAILED; // never left Plivo
            case "read" -> MessageStatus.READ;
            default ->
                throw new MalformedWebhookException("Status '" + plivoStatus + "' is not a Plivo message status");
        };
    }

    /** Plivo writes numbers as E.164 digits without the plus ({@code 14155550199}); anything else is parsed as is. */
    private static String number(FormBody form, String name, String defaultRegion) {
        String raw = form.required(name).trim();
        String international = raw.chars().allMatch(c -> c >= '0' && c <= '9') ? "+" + raw : raw;
        try {
            return PhoneNumbers.toE164(international, defaultRegion);
        } catch (PhoneNumbers.InvalidPhoneNumberException e) {
            throw new MalformedWebhookException(name + ": " + e.getMessage());
        }
    }

    private static Integer count(String value) {
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new MalformedWebhookException("Units must be a number");
        }
    }
}
