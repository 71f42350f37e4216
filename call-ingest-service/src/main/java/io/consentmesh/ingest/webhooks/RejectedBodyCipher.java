package io.consentmesh.ingest.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the raw body of a rejected webhook (it holds phone numbers and message text) with AES-256-GCM under the
 * ingest key, so it can sit on {@code ingest.rejected.v1} and be decrypted, fixed and replayed by an operator.
 */
public final class RejectedBodyCipher {

    /** An encrypted body: the key's id, the nonce and the ciphertext with its tag, all Base64 but the id. */
    public record Sealed(String keyId, String nonce, String ciphertext) {}

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String keyId;

    /** @param base64Key 32 random bytes, Base64 (MESH_INGEST_REJECTED_BODY_KEY, from a Secret) */
    public RejectedBodyCipher(String base64Key) {
        byte[] raw = Base64.getDecoder().decode(base64Key.trim());
        if (raw.length != 32) {
            throw new IllegalArgumentException("the rejected-body key must be 32 bytes (Base64 of 256 bits)");
        }
        this.key = new SecretKeySpec(raw, "AES");
        this.keyId = keyIdOf(raw);
    }

    public Sealed seal(String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = aes.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder base64 = Base64.getEncoder();
            return new Sealed(keyId, base64.encodeToString(nonce), base64.encodeToString(sealed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JDK", e);
        }
    }

    /** For operators replaying a rejected webhook (and for tests); fails if the ciphertext was altered. */
    public String open(Sealed sealed) throws GeneralSecurityException {
        if (!keyId.equals(sealed.keyId())) {
            throw new GeneralSecurityException("sealed under key " + sealed.keyId() + ", this is " + keyId);
        }
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(
                Cipher.DECRYPT_MODE,
                key,
                new GCMParameterSpec(TAG_BITS, Base64.getDecoder().decode(sealed.nonce())));
        return new String(aes.doFinal(Base64.getDecoder().decode(sealed.ciphertext())), StandardCharsets.UTF_8);
    }

    /** The first 16 hex digits of the key's SHA-256: names the key without revealing it. */
    private static String keyIdOf(byte[] raw) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(raw))
                    .substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
