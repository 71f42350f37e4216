package io.consentmesh.security.apikeys;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An API key as presented: {@code Authorization: Bearer <keyId>.<secret>}, the key id {@code mk_} and 20 hex digits,
 * the secret 32 random bytes in base64url. The prefix tells it apart from a JWT (three dot-separated parts) and from
 * the agent runtime's own keys, so the authentication mechanisms never argue over a header.
 */
public record ApiKeyToken(String keyId, String secret) {

    public static final String PREFIX = "mk_";
    private static final Pattern KEY_ID = Pattern.compile("mk_[0-9a-f]{20}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{32,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Empty when the text is not shaped like one of our keys (then another mechanism may own it). */
    public static Optional<ApiKeyToken> parse(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int dot = presented.indexOf('.');
        if (dot < 0 || presented.indexOf('.', dot + 1) >= 0) {
            return Optional.empty();
        }
        String keyId = presented.substring(0, dot);
        String secret = presented.substring(dot + 1);
        if (!KEY_ID.matcher(keyId).matches() || !SECRET.matcher(secret).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ApiKeyToken(keyId, secret));
    }

    public static ApiKeyToken generate() {
        byte[] id = new byte[10];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        return new ApiKeyToken(
                PREFIX + HexFormat.of().formatHex(id),
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The text a client presents; shown once, when the key is made. */
    public String presentable() {
        return keyId + "." + secret;
    }

    @Override
    public String toString() {
        return keyId + ".***";
    }
}
