package io.consentmesh.ingest.telnyx;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Telnyx webhook signatures: Ed25519 over the UTF-8 bytes of {@code timestamp + "|" + raw body} (never re-serialised
 * JSON), from the headers {@code telnyx-signature-ed25519} (Base64) and {@code telnyx-timestamp} (Unix seconds). The
 * portal gives public keys as Base64 of the raw 32-byte key, which the JDK reads after an X.509 SPKI prefix.
 */
public final class TelnyxSignature {

    /** Telnyx's SDKs accept a timestamp up to 300 s either side of now; so do we, to refuse replays. */
    public static final Duration TOLERANCE = Duration.ofSeconds(300);

    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private TelnyxSignature() {}

    /** True when the signature is valid under any of the keys and the timestamp is within the tolerance. */
    public static boolean verify(
            List<String> publicKeysBase64,
            String timestampHeader,
            String rawBody,
            String signatureHeader,
            Instant now) {
        if (timestampHeader == null || signatureHeader == null || rawBody == null) {
            return false;
        }
        long timestamp;
        byte[] signature;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
            signature = Base64.getDecoder().decode(signatureHeader.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (Duration.between(Instant.ofEpochSecond(timestamp), now).abs().compareTo(TOLERANCE) > 0) {
            return false;
        }
        byte[] signed = (timestampHeader.trim() + "|" + rawBody).getBytes(StandardCharsets.UTF_8);
        for (String key : publicKeysBase64) {
            if (verifies(key, signed, signature)) {
                return true;
            }
        }
        return false;
    }

    private static boolean verifies(String publicKeyBase64, byte[] signed, byte[] signature) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(publicKey(publicKeyBase64));
            ed25519.update(signed);
            return ed25519.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // a malformed key or signature verifies nothing
        }
    }

    /** A raw 32-byte Ed25519 public key (as the Telnyx portal shows it, Base64) as a JDK key. */
    static PublicKey publicKey(String rawBase64) throws GeneralSecurityException {
        byte[] raw = Base64.getDecoder().decode(rawBase64.trim());
        if (raw.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
        }
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }
}
