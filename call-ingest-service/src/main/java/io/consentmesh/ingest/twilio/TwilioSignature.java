package io.consentmesh.ingest.twilio;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

    /**
     * Form-encoded webhooks. Constant-time comparison against each currently valid token (several during a rotation),
     * for the URL as rebuilt and its port variants: Twilio's SDKs accept a signature made with the default port
     * ({@code :443}/{@code :80}) written or left out, and a proxy may add or drop it.
     */
    public static boolean verify(
            String url, List<Map.Entry<String, String>> params, List<String> authTokens, String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            return false;
        }
        byte[] presented = signatureHeader.trim().getBytes(StandardCharsets.US_ASCII);
        boolean valid = false;
        for (String candidate : portVariants(url)) {
            for (String token : authTokens) {
                byte[] expected = sign(candidate, params, token).getBytes(StandardCharsets.US_ASCII);
                valid |= MessageDigest.isEqual(expected, presented);
            }
        }
        return valid;
    }

    /**
     * JSON webhooks: Twilio puts {@code bodySHA256=<hex SHA-256 of the raw body>} in the URL's query and signs the URL
     * alone (no parameters). Both the signature and the body's hash must match.
     */
    public static boolean verifyJsonBody(String url, String rawBody, List<String> authTokens, String signatureHeader) {
        String declared = queryParameter(url, "bodySHA256");
        if (declared == null || rawBody == null) {
            return false;
        }
        String actual = sha256Hex(rawBody);
        boolean bodyMatches = MessageDigest.isEqual(
                declared.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                actual.getBytes(StandardCharsets.US_ASCII));
        return bodyMatches && verify(url, List.of(), authTokens, signatureHeader);
    }

    /** The URL as given, without its port, and with the scheme's default port. */
    static Set<String> portVariants(String url) {
        Set<String> variants = new LinkedHashSet<>();
        variants.add(url);
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || uri.getScheme() == null) {
                return variants;
            }
            int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            variants.add(withPort(uri, -1));
            if (uri.getPort() == -1) {
                variants.add(withPort(uri, defaultPort));
            }
        } catch (URISyntaxException e) {
            // an unparseable URL can only match as given
        }
        return variants;
    }

    private static String withPort(URI uri, int port) throws URISyntaxException {
        return new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), port, uri.getRawPath(), null, null).toString()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static String queryParameter(String url, String name) {
        int query = url.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String pair : url.substring(query + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
