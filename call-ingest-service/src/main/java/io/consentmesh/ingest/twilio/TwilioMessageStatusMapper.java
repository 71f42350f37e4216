package io.consentmesh.ingest.twilio;

import io.consentmesh.contracts.telephony.MessageStatus;
import io.consentmesh.contracts.telephony.MessageStatusChanged;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.ingest.webhooks.FormBody;
import io.consentmesh.ingest.webhooks.MalformedWebhookException;
import java.time.Instant;
import java.util.Optional;

/** Twilio's messaging status callback to {@link MessageStatusChanged}. */
public final class TwilioMessageStatusMapper {

    /** "Attempt to send to unsubscribed recipient": the person replied STOP to this sender. */
    static final String UNSUBSCRIBED_RECIPIENT = "21610";

    private TwilioMessageStatusMapper() {}

    /**
     * Empty for inbound states (receiving, received), which the inbound-SMS webhook already covers.
     *
     * @param decisionId the decision the tenant named on the callback URL, or null
     */
    public static Optional<MessageStatusChanged> toEvent(
            FormBody form, String defaultRegion, Instant receivedAt, String decisionId) {
        String twilioStatus =
                form.first("MessageStatus").or(() -> form.first("SmsStatus")).orElse("");
        if (twilioStatus.isBlank()) {
            throw new MalformedWebhookException("MessageStatus is required");
        }
        if ("receiving".equals(twilioStatus) || "received".equals(twilioStatus)) {
            return Optional.empty();
        }
        String errorCode =
                form.first("ErrorCode").filter(code -> !code.isBlank()).orElse(null);
        return Optional.of(new MessageStatusChanged(
                form.first("MessageSid")
                        .or(() -> form.first("SmsSid"))
                        .filter(v -> !v.isBlank())
                        .orElseThrow(() -> new MalformedWebhookException("MessageSid is required")),
                Provider.TWILIO,
                form.required("AccountSid"),
                form.e164("From", defaultRegion),
                form.e164("To", defaultRegion),
                status(twilioStatus),
                errorCode,
                UNSUBSCRIBED_RECIPIENT.equals(errorCode),
                receivedAt,
                decisionId));
    }

    static MessageStatus status(String twilioStatus) {
        return switch (twilioStatus) {
            case "queued", "accepted", "scheduled" -> MessageStatus.QUEUED;
            case "sending" -> MessageStatus.SENDING;
            case "sent" -> MessageStatus.SENT;
            case "delivered" -> MessageStatus.DELIVERED;
            case "undelivered" -> MessageStatus.UNDELIVERED;
            case "failed" -> MessageStatus.FAILED;
            case "read" -> MessageStatus.READ;
            case "partially_delivered" -> MessageStatus.PARTIALLY_DELIVERED;
            case "canceled" -> MessageStatus.CANCELED;
            default ->
                throw new MalformedWebhookException(
                        "MessageStatus '" + twilioStatus + "' is not a Twilio message status");
        };
    }
}
