package io.consentmesh.ingest.load;

import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.ingest.plivo.PlivoSignature;
import io.consentmesh.testkit.load.OpenLoop;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Plivo inbound-SMS webhooks signed as Plivo signs them ({@code X-Plivo-Signature-V3}), for the load tools. */
public final class SignedPlivo {

    private SignedPlivo() {}

    public static String smsPath(String authId) {
        return "/webhooks/plivo/" + authId + "/sms";
    }

    /** @return the request, remembering the event id its webhook must produce */
    public static OpenLoop.Planned sms(
            URI target, String authId, String authToken, String from, String to, String text) {
        String uuid = UUID.randomUUID().toString();
        List<Map.Entry<String, String>> params = List.of(
                Map.entry("From", from.substring(1)), // Plivo writes numbers without the +
                Map.entry("To", to.substring(1)),
                Map.entry("Text", text),
                Map.entry("Type", "sms"),
                Map.entry("MessageUUID", uuid),
                Map.entry("Units", "1"));
        String body = FormBodies.encode(params);
        String nonce = UUID.randomUUID().toString().replace("-", "");
        String path = smsPath(authId);
        Map<String, String> headers = Map.of(
                "Content-Type",
                "application/x-www-form-urlencoded",
                PlivoSignature.NONCE_HEADER,
                nonce,
                PlivoSignature.SIGNATURE_HEADER,
                PlivoSignature.sign("POST", target + path, params, nonce, authToken));
        return new OpenLoop.Planned(path, headers, Buffer.buffer(body), EventIds.of("plivo", "sms", uuid));
    }
}
