package io.consentmesh.ingest.load;

import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.testkit.load.OpenLoop;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** Telnyx inbound-SMS webhooks signed as Telnyx signs them (Ed25519 over {@code timestamp|body}), for the load tools. */
public final class SignedTelnyx {

    public static final String PATH = "/webhooks/telnyx";

    /** The messaging profile the webhooks name; register it with {@link #publicKey()} as its credential. */
    private final String profile = UUID.randomUUID().toString();

    private final byte[] privateKey = new byte[Ed25519.SECRET_KEY_SIZE];

    public SignedTelnyx() {
        Ed25519.generatePrivateKey(new SecureRandom(), privateKey);
    }

    public String profile() {
        return profile;
    }

    /** The public key, Base64, as Telnyx's portal shows it. */
    public String publicKey() {
        byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(privateKey, 0, publicKey, 0);
        return Base64.getEncoder().encodeToString(publicKey);
    }

    /** @return the request, remembering the event id its webhook must produce */
    public OpenLoop.Planned sms(String from, String to, String text) {
        String dataId = UUID.randomUUID().toString();
        String body = ("{\"data\":{\"event_type\":\"message.received\",\"id\":\"%s\",\"occurred_at\":\"%s\","
                        + "\"payload\":{\"direction\":\"inbound\",\"id\":\"%s\",\"messaging_profile_id\":\"%s\","
                        + "\"from\":{\"phone_number\":\"%s\"},\"to\":[{\"phone_number\":\"%s\"}],"
                        + "\"text\":\"%s\",\"type\":\"SMS\",\"parts\":1},\"record_type\":\"event\"},"
                        + "\"meta\":{\"attempt\":1}}")
                .formatted(dataId, Instant.now(), UUID.randomUUID(), profile, from, to, text);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        byte[] signed = (timestamp + "|" + body).getBytes(StandardCharsets.UTF_8);
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(privateKey, 0, signed, 0, signed.length, signature, 0);
        Map<String, String> headers = Map.of(
                "Content-Type",
                "application/json",
                "telnyx-timestamp",
                timestamp,
                "telnyx-signature-ed25519",
                Base64.getEncoder().encodeToString(signature));
        return new OpenLoop.Planned(PATH, headers, Buffer.buffer(body), EventIds.of("telnyx", dataId));
    }
}
