package io.consentmesh.ingest.load;

import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.ingest.twilio.TwilioSignature;
import io.consentmesh.testkit.load.OpenLoop;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Twilio inbound-SMS webhooks signed as Twilio signs them, for the load generators. */
final class SignedTwilio {

    static final String SMS_PATH = "/webhooks/twilio/sms";

    private SignedTwilio() {}

    /** @return the request, remembering the event id its webhook must produce */
    static OpenLoop.Planned sms(URI target, String account, String authToken, String from, String to, String text) {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        List<Map.Entry<String, String>> params = List.of(
                Map.entry("AccountSid", account),
                Map.entry("MessageSid", sid),
                Map.entry("From", from),
                Map.entry("To", to),
                Map.entry("Body", text),
                Map.entry("NumSegments", "1"));
        String body = params.stream()
                .map(p -> URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Map<String, String> headers = Map.of(
                "Content-Type",
                "application/x-www-form-urlencoded",
                "X-Twilio-Signature",
                TwilioSignature.sign(target + SMS_PATH, params, authToken));
        return new OpenLoop.Planned(SMS_PATH, headers, Buffer.buffer(body), EventIds.of("twilio", "sms", sid));
    }
}
