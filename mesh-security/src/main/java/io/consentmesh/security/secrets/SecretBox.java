package io.consentmesh.security.secrets;

import io.consentmesh.runtime.crypto.AesGcm;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Secrets that must be used in clear (a provider's auth token, needed to verify its HMAC signatures) are stored sealed
 * with AES-256-GCM under a key from configuration. The key id is written beside the ciphertext so the key can be
 * rotated: new seals use the current key, old ones open with the key they name. {@code aad} binds a sealed value to
 * its row (e.g. provider and account), so a ciphertext copied to another row does not open.
 *
 * <p>Format: {@code v1:<key id>:<base64(nonce ‖ ciphertext ‖ tag)>}.
 */
public final class SecretBox {

    private final String currentKeyId;
    private final Map<String, byte[]> keys;

    /**
     * @param keys key id → 32-byte AES key; {@code currentKeyId} must be one of them
     */
    public SecretBox(String currentKeyId, Map<String, byte[]> keys) {
        if (!keys.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("no key with id " + currentKeyId);
        }
        keys.forEach((id, key) -> {
            if (key.length != AesGcm.KEY_BYTES) {
                throw new IllegalArgumentException("key " + id + " must be 32 bytes (AES-256), not " + key.length);
            }
            if (id.contains(":")) {
                throw new IllegalArgumentException("a key id cannot contain ':'");
            }
        });
        this.currentKeyId = currentKeyId;
        this.keys = Map.copyOf(keys);
    }

    public String seal(String plaintext, String aad) {
        byte[] sealed = AesGcm.seal(keys.get(currentKeyId), utf8(plaintext), utf8(aad));
        return "v1:" + currentKeyId + ":" + Base64.getEncoder().encodeToString(sealed);
    }

    /** @throws IllegalArgumentException when the value is not sealed, names an unknown key or was tampered with */
    public String open(String sealed, String aad) {
        String[] parts = sealed.split(":", 3);
        if (parts.length != 3 || !"v1".equals(parts[0])) {
            throw new IllegalArgumentException("not a sealed value");
        }
        byte[] key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalArgumentException("sealed with key " + parts[1] + ", which is not configured");
        }
        return AesGcm.open(key, Base64.getDecoder().decode(parts[2]), utf8(aad))
                .map(plain -> new String(plain, StandardCharsets.UTF_8))
                .orElseThrow(() -> new IllegalArgumentException(
                        "sealed value does not open with its key (tampered, or other row)"));
    }

    /** True when the value is sealed with a key other than the current one (a rotation should re-seal it). */
    public boolean needsReseal(String sealed) {
        return !sealed.startsWith("v1:" + currentKeyId + ":");
    }

    /** True when the value is sealed under a key id this box has (whether or not it then opens). */
    public boolean knowsKeyOf(String sealed) {
        String[] parts = sealed.split(":", 3);
        return parts.length == 3 && "v1".equals(parts[0]) && keys.containsKey(parts[1]);
    }

    public static boolean isSealed(String value) {
        return value != null && value.startsWith("v1:");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
