package io.consentmesh.dsar.verification;

import io.consentmesh.runtime.subject.SubjectConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes and checks the six-digit codes. A code is stored only as {@code HMAC-SHA256(key, request id + code)} under a
 * key derived from the mesh's subject secret (never in the database): a million codes are quickly tried against a plain
 * hash, not against a MAC whose key a copy of the database does not hold.
 */
@ApplicationScoped
public class OneTimeCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    OneTimeCodes(SubjectConfig subjects) {
        this.key = new SecretKeySpec(
                hmac(
                        new SecretKeySpec(subjects.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                        "dsar-verification-code/v1"),
                "HmacSHA256");
    }

    /** A fresh code: six digits, leading zeros kept. */
    public String next() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    public String mac(UUID requestId, String code) {
        return HexFormat.of().formatHex(hmac(key, requestId + "/" + code));
    }

    /** Whether {@code code} is the one whose MAC is stored, compared in constant time. */
    public boolean matches(UUID requestId, String code, String storedMac) {
        if (code == null || !code.matches("[0-9]{6}")) {
            return false;
        }
        return MessageDigest.isEqual(
                mac(requestId, code).getBytes(StandardCharsets.US_ASCII),
                storedMac.trim().getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
