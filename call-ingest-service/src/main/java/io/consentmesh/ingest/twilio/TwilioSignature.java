package io.consentmesh.ingest.twilio;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's {@code X-Twilio-Signature} for form-encoded webhooks: Base64 of HMAC-SHA1, keyed with the account's auth
 * token, over the full signed URL followed by every POST parameter sorted by name (then value, for repeated names;
 * an identical name=value pair counts once), each as name immediately followed by value.
 */
public final class TwilioSignature {

    private static final Comparator<Map.Entry<String, String>> BY_NAME_THEN_VALUE =
            Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue());

    private TwilioSignature() {}

    public static String sign(String url, List<Map.Entry<String, String>> params, String authToken) {
        StringBuilder signed = new StringBuilder(url);
        params.stream()
                .sorted(BY_NAME_THEN_VALUE)
                .distinct() // Twilio's SDKs sign a repeated name=value pair once
                .forEach(p -> signed.append(p.getKey()).append(p.getValue()));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is in every JDK", e);
        }
    }

    /** Constant-time comparison against each currently valid token (several during a rotation). */
    public static boolean verify(
            String url, List<Map.Entry<String, String>> params, List<String> authTokens, String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            return false;
        }
        byte[] presented = signatureHeader.trim().getBytes(StandardCharsets.US_ASCII);
        boolean valid = false;
        for (String token : authTokens) {
            byte[] expected = sign(url, params, token).getBytes(StandardCharsets.US_ASCII);
            valid |= MessageDigest.isEqual(expected, presented);
        }
        return valid;
    }
}
