package io.consentmesh.ingest.plivo;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Plivo's {@code X-Plivo-Signature-V3}: Base64 of HMAC-SHA256, keyed with the auth token, over a text built exactly as
 * plivo-java 5.46.3's {@code Utils.computeSignatureV3} builds it (the reference Plivo points to; its output is pinned
 * in the tests). The URL is percent-decoded first, then reduced to {@code protocol://host/path} (the port is dropped)
 * and followed by {@code ?}:
 *
 * <ul>
 *   <li>POST, no query: each parameter's name and value, sorted by name ({@code FromxToy});
 *   <li>POST with a query: the query's {@code name=value} pairs sorted and joined by {@code &}, a {@code .}, then the
 *       parameters as above; every literal {@code ".$"} in the text is then removed (an SDK quirk, kept so that
 *       signatures match);
 *   <li>GET: the query's pairs and the parameters merged (a parameter wins), as sorted {@code name=value&…}.
 * </ul>
 *
 * then {@code "." + nonce}. The SDK picks GET with {@code method == "GET"} (reference equality), which only a literal
 * matches; here the request's method is compared by value. The parameters are a map to the SDK, so a form that
 * repeats a name has no defined signature and is never accepted (nor could the signed value be told from the used one).
 */
public final class PlivoSignature {

    public static final String SIGNATURE_HEADER = "X-Plivo-Signature-V3";
    /** The same signature made with the main account's token, sent for subaccounts too. */
    public static final String MAIN_ACCOUNT_SIGNATURE_HEADER = "X-Plivo-Signature-Ma-V3";

    public static final String NONCE_HEADER = "X-Plivo-Signature-V3-Nonce";

    private PlivoSignature() {}

    /**
     * @throws IllegalArgumentException if the URL is not one, or a parameter name repeats (in the form or the query)
     */
    public static String sign(
            String method, String url, List<Map.Entry<String, String>> params, String nonce, String authToken) {
        return hmac(signedText(method, url, params, nonce), authToken);
    }

    /**
     * True when any signature in either header (each may be a comma-separated list) is the one made with any of the
     * account's currently valid tokens (several during a rotation). Every pair is compared in constant time.
     */
    public static boolean verify(
            String method,
            String url,
            List<Map.Entry<String, String>> params,
            String nonce,
            List<String> authTokens,
            String signatureHeader,
            String mainAccountSignatureHeader) {
        List<byte[]> presented = new ArrayList<>();
        for (String header : new String[] {signatureHeader, mainAccountSignatureHeader}) {
            if (header != null) {
                for (String signature : header.split(",")) {
                    if (!signature.isBlank()) {
                        presented.add(signature.trim().getBytes(StandardCharsets.US_ASCII));
                    }
                }
            }
        }
        if (presented.isEmpty() || nonce == null || nonce.isBlank()) {
            return false;
        }
        String text;
        try {
            text = signedText(method, url, params, nonce);
        } catch (IllegalArgumentException unverifiable) {
            return false;
        }
        boolean valid = false;
        for (String token : authTokens) {
            byte[] expected = hmac(text, token).getBytes(StandardCharsets.US_ASCII);
            for (byte[] signature : presented) {
                valid |= MessageDigest.isEqual(expected, signature);
            }
        }
        return valid;
    }

    /** The text that is signed; package-private so tests can show it. */
    static String signedText(String method, String url, List<Map.Entry<String, String>> params, String nonce) {
        Map<String, String> form = byName(params);
        URL parsed;
        try {
            parsed = new URL(URLDecoder.decode(url, StandardCharsets.UTF_8));
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL", e);
        }
        boolean get = "GET".equals(method);
        String query = parsed.getQuery();
        StringBuilder text = new StringBuilder(parsed.getProtocol())
                .append("://")
                .append(parsed.getHost())
                .append(parsed.getPath());
        // as the SDK does: always a '?' when the URL has none, after a bare '?' only when parameters follow
        if (query == null || !form.isEmpty() || !query.isEmpty()) {
            text.append('?');
        }
        if (query != null && !query.isEmpty()) {
            Map<String, String> queryParams = queryParams(query);
            if (get) {
                queryParams.putAll(form);
                text.append(nameEqualsValue(queryParams));
            } else {
                text.append(nameEqualsValue(queryParams)).append('.').append(nameValue(form));
                text = new StringBuilder(text.toString().replace(".$", "")); // literal, not a regex: the SDK's quirk
            }
        } else {
            text.append(get ? nameEqualsValue(form) : nameValue(form));
        }
        return text.append('.').append(nonce).toString();
    }

    private static String hmac(String text, String authToken) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JDK", e);
        }
    }

    private static Map<String, String> byName(List<Map.Entry<String, String>> params) {
        Map<String, String> byName = new HashMap<>();
        for (Map.Entry<String, String> param : params) {
            if (byName.put(param.getKey(), param.getValue()) != null) {
                throw new IllegalArgumentException("a parameter name repeats");
            }
        }
        return byName;
    }

    /** As the SDK splits a query: on {@code &}, then at the first {@code =}; values stay as they are. */
    private static Map<String, String> queryParams(String query) {
        Map<String, String> params = new HashMap<>();
        for (String pair : query.split("&")) {
            String[] nameValue = pair.split("=", 2);
            if (params.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : "") != null) {
                throw new IllegalArgumentException("a query parameter name repeats");
            }
        }
        return params;
    }

    private static String nameEqualsValue(Map<String, String> params) {
        List<String> pairs = new ArrayList<>();
        new TreeMap<>(params).forEach((name, value) -> pairs.add(name + "=" + value));
        return String.join("&", pairs);
    }

    private static String nameValue(Map<String, String> params) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(params).forEach((name, value) -> text.append(name).append(value));
        return text.toString();
    }
}
