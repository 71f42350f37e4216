package io.consentmesh.ingest;

import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.telephony.WebhookRejected;
import io.consentmesh.ingest.webhooks.RejectedBodyCipher;
import java.security.GeneralSecurityException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads what {@code ingest.rejected.v1} keeps, decrypting bodies with the test profile's key as an operator would. */
public final class KeptRequests {

    private static final RejectedBodyCipher CIPHER =
            new RejectedBodyCipher("dGVzdC1vbmx5LXJlamVjdGVkLWJvZHkta2V5LTMyYnk=");

    private KeptRequests() {}

    /** The request body as it was sent. */
    public static String bodyOf(WebhookRejected rejected) {
        try {
            return CIPHER.open(
                    new RejectedBodyCipher.Sealed(rejected.keyId(), rejected.nonce(), rejected.encryptedBody()));
        } catch (GeneralSecurityException e) {
            throw new AssertionError("a kept body the test key cannot open", e);
        }
    }

    /** True for a kept request whose body contains the marker (a test's own random id). */
    public static boolean keptWith(ConsumerRecord<String, String> record, String marker) {
        return record.value().contains("mesh.ingest.webhook-rejected.v1")
                && bodyOf(EventCodec.decode(record.value(), WebhookRejected.class)
                                .data())
                        .contains(marker);
    }
}
