package io.consentmesh.security.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets that must be used in clear (a provider's auth token, needed to verify its HMAC signatures) are stored sealed
 * with AES-256-GCM under a key from configuration. The key id is written beside the ciphertext so the key can be
 * rotated: new seals use the current key, old ones open with the key they name. {@code aad} binds a sealed value to
 * its row (e.g. provider and account), so a ciphertext copied to another row does not open.
 *
 * <p>Format: {@code v1:<key id>:<base64(nonce ‖ ciphertext ‖ tag)>}.
 */
public final class SecretBox {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys;

    /**
     * @param keys key id → 32-byte AES key; {@code currentKeyId} must be one of them
     */
    public SecretBox(String currentKeyId, Map<String, byte[]> keys) {
        if (!keys.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("no key with id " + currentKeyId);
        }
        Map<String, SecretKeySpec> specs = new HashMap<>();
        keys.forEach((id, key) -> {
            if (key.length != 32) {
                throw new IllegalArgumentException("key " + id + " must be 32 bytes (AES-256), not " + key.length);
            }
            if (id.contains(":")) {
                throw new IllegalArgumentException("a key id cannot contain ':'");
            }
            specs.put(id, new SecretKeySpec(key, "AES"));
        });
        this.currentKeyId = currentKeyId;
        this.keys = Map.copyOf(specs);
    }

    public String seal(String plaintext, String aad) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = crypt(
                Cipher.ENCRYPT_MODE, keys.get(currentKeyId), nonce, aad, plaintext.getBytes(StandardCharsets.UTF_8));
        ByteBuffer out =
                ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
        return "v1:" + currentKeyId + ":" + Base64.getEncoder().encodeToString(out.array());
    }

    /** @throws IllegalArgumentException when the value is not sealed, names an unknown key or was tampered with */
    public String open(String sealed, String aad) {
        String[] parts = sealed.split(":", 3);
        if (parts.length != 3 || !"v1".equals(parts[0])) {
            throw new IllegalArgumentException("not a sealed value");
        }
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalArgumentException("sealed with key " + parts[1] + ", which is not configured");
        }
        byte[] all = Base64.getDecoder().decode(parts[2]);
        if (all.length < NONCE_BYTES + 16) {
            throw new IllegalArgumentException("sealed value too short");
        }
        byte[] nonce = Arrays.copyOf(all, NONCE_BYTES);
        byte[] body = Arrays.copyOfRange(all, NONCE_BYTES, all.length);
        return new String(crypt(Cipher.DECRYPT_MODE, key, nonce, aad, body), StandardCharsets.UTF_8);
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

    private static byte[] crypt(int mode, SecretKeySpec key, byte[] nonce, String aad, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("sealed value does not open with its key (tampered, or other row)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }
}
