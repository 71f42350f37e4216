package io.consentmesh.contracts.telephony;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import java.time.Instant;

/**
 * A correctly signed webhook that ingest could not turn into an event, kept so that nothing a provider sent is lost:
 * it can be decrypted, fixed and replayed. The body holds personal data, so it travels encrypted (AES-256-GCM).
 *
 * @param path the endpoint it was posted to, e.g. {@code /webhooks/twilio/sms}
 * @param reason why it was rejected, as answered in the 400 (never containing the body's values)
 * @param keyId which ingest key encrypted it (the first 16 hex digits of the key's SHA-256)
 * @param nonce the GCM nonce, Base64
 * @param encryptedBody the raw body encrypted with AES-256-GCM (tag appended), Base64
 */
public record WebhookRejected(
        Provider provider,
        String providerAccountId,
        String path,
        String contentType,
        String reason,
        String keyId,
        String nonce,
        String encryptedBody,
        Instant receivedAt) {

    public WebhookRejected {
        value(provider, "provider");
        text(providerAccountId, "providerAccountId");
        text(path, "path");
        text(reason, "reason");
        text(keyId, "keyId");
        text(nonce, "nonce");
        text(encryptedBody, "encryptedBody");
        value(receivedAt, "receivedAt");
    }
}
