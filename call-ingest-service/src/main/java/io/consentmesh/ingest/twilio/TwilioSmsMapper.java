package io.consentmesh.ingest.twilio;

import io.consentmesh.contracts.subject.PhoneNumbers;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.ingest.webhooks.FormBody;
import io.consentmesh.ingest.webhooks.MalformedWebhookException;
import java.time.Instant;

/** Twilio's inbound-SMS webhook parameters to {@link SmsReceived}. Unknown extra parameters are ignored. */
public final class TwilioSmsMapper {

    private TwilioSmsMapper() {}

    public static SmsReceived toEvent(FormBody form, String defaultRegion, Instant receivedAt) {
        String messageSid = required(form, "MessageSid");
        return new SmsReceived(
                messageSid,
                Provider.TWILIO,
                required(form, "AccountSid"),
                e164(form, "From", defaultRegion),
                e164(form, "To", defaultRegion),
                form.first("Body").orElse(""),
                form.first("NumSegments").map(TwilioSmsMapper::count).orElse(null),
                form.first("OptOutType").filter(v -> !v.isBlank()).orElse(null),
                receivedAt);
    }

    private static String required(FormBody form, String name) {
        return form.first(name)
                .filter(v -> !v.isBlank())
                .orElseThrow(() -> new MalformedWebhookException(name + " is required"));
    }

    private static String e164(FormBody form, String name, String defaultRegion) {
        try {
            return PhoneNumbers.toE164(required(form, name), defaultRegion);
        } catch (PhoneNumbers.InvalidPhoneNumberException e) {
            throw new MalformedWebhookException(name + ": " + e.getMessage());
        }
    }

    private static Integer count(String value) {
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new MalformedWebhookException("NumSegments must be a number");
        }
    }
}
