package io.consentmesh.ingest.twilio;

import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.ingest.webhooks.FormBody;
import io.consentmesh.ingest.webhooks.MalformedWebhookException;
import java.time.Instant;

/** Twilio's inbound-SMS webhook parameters to {@link SmsReceived}. Unknown extra parameters are ignored. */
public final class TwilioSmsMapper {

    private TwilioSmsMapper() {}

    public static SmsReceived toEvent(FormBody form, String defaultRegion, Instant receivedAt) {
        String messageSid = form.required("MessageSid");
        return new SmsReceived(
                messageSid,
                Provider.TWILIO,
                form.required("AccountSid"),
                form.e164("From", defaultRegion),
                form.e164("To", defaultRegion),
                form.first("Body").orElse(""),
                form.first("NumSegments").map(TwilioSmsMapper::count).orElse(null),
                form.first("OptOutType").filter(v -> !v.isBlank()).orElse(null),
                receivedAt);
    }

    private static Integer count(String value) {
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new MalformedWebhookException("NumSegments must be a number");
        }
    }
}
