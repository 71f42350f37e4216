package io.consentmesh.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentmesh.testkit.infra.KeycloakServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bearer tokens for tests: real ones from the issuer's token endpoint (client-credentials grant), and deliberately bad
 * ones for the 401 cases, built with plain JDK crypto (a JWS is base64url(header).base64url(payload).base64url(sig)).
 *
 * <p>Get the instance for the shared test Keycloak with {@link KeycloakResource#tokens()}.
 */
public final class OidcTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    private final String issuer;
    private final String tokenEndpoint;
    private final String jwksUrl;
    private final KeyPair issuerKey;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String issuerKid;

    public OidcTokens(KeycloakServer server) {
        this(server.issuer(), server.tokenEndpoint(), server.jwksUrl(), server.signingKey());
    }

    /**
     * @param issuerKey the issuer's signing key pair when the test knows it (the testkit's Keycloak), else null: then
     *     the tokens signed "by the issuer" ({@link #expiredToken}, {@link #signedByIssuer}) are not available
     */
    public OidcTokens(String issuer, String tokenEndpoint, String jwksUrl, KeyPair issuerKey) {
        this.issuer = issuer;
        this.tokenEndpoint = tokenEndpoint;
        this.jwksUrl = jwksUrl;
        this.issuerKey = issuerKey;
    }

    /** A real access token for one of the realm's clients (its secret is the id + {@code -test-secret}). */
    public String clientCredentialsToken(String clientId) {
        return clientCredentialsToken(clientId, clientId + KeycloakServer.SECRET_SUFFIX);
    }

    public String clientCredentialsToken(String clientId, String clientSecret) {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret="
                + encode(clientSecret);
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token endpoint " + tokenEndpoint + " answered " + response.statusCode()
                    + " for " + clientId + ": " + response.body());
        }
        return (String) read(response.body()).get("access_token");
    }

    /** The issuer's token with one byte of its signature changed: a bad signature, nothing else wrong. */
    public String withTamperedSignature(String clientId) {
        String token = clientCredentialsToken(clientId);
        String[] parts = token.split("\\.");
        byte[] signature = B64_DECODER.decode(parts[2]);
        signature[signature.length / 2] ^= 0x01;
        return parts[0] + "." + parts[1] + "." + B64.encodeToString(signature);
    }

    /** The issuer's token with one claim rewritten (another tenant, say) and its signature kept. */
    public String withTamperedClaims(String clientId, String claim, Object value) {
        String[] parts = clientCredentialsToken(clientId).split("\\.");
        Map<String, Object> claims = decode(parts[1]);
        claims.put(claim, value);
        return parts[0] + "." + encodeJson(claims) + "." + parts[2];
    }

    /** The issuer's claims and key id, signed by a key that is not the issuer's (a forger's token). */
    public String signedByForeignKey(String clientId) {
        String token = clientCredentialsToken(clientId);
        return sign(
                rs256Header((String) header(token).get("kid")),
                claims(token),
                foreignKey().getPrivate());
    }

    /** A token as another issuer would make it: its own {@code iss}, key and key id; everything else as the real one. */
    public String fromOtherIssuer(String clientId) {
        Map<String, Object> claims = claims(clientCredentialsToken(clientId));
        claims.put("iss", "http://127.0.0.1:1/realms/another-realm");
        return sign(rs256Header("another-issuers-key"), claims, foreignKey().getPrivate());
    }

    /** The issuer's token for {@code clientId}, re-signed by the issuer's own key but expired an hour ago. */
    public String expiredToken(String clientId) {
        Map<String, Object> claims = claims(clientCredentialsToken(clientId));
        long now = Instant.now().getEpochSecond();
        // An hour: well past any clock skew a verifier allows (smallrye-jwt: 60 s by default).
        claims.put("iat", now - 7200);
        claims.put("exp", now - 3600);
        return signedByIssuer(claims);
    }

    /**
     * Any claims, signed with the issuer's active key and key id, so only what the claims say can make a service
     * refuse them (a missing tenant, another audience, ...). Start from {@link #claims} of a real token.
     */
    public String signedByIssuer(Map<String, Object> claims) {
        if (issuerKey == null) {
            throw new IllegalStateException("the issuer's signing key is not known to this test");
        }
        return sign(rs256Header(issuerKid()), claims, issuerKey.getPrivate());
    }

    /** The payload of a JWS, decoded (mutable, in claim order). */
    public static Map<String, Object> claims(String token) {
        return decode(token.split("\\.")[1]);
    }

    /** The JOSE header of a JWS, decoded. */
    public static Map<String, Object> header(String token) {
        return decode(token.split("\\.")[0]);
    }

    /**
     * The key id under which the issuer's JWKS publishes our signing key, found by its modulus (so a token we sign is
     * one the JWKS vouches for, and we notice if Keycloak signs with another key).
     */
    private String issuerKid() {
        if (issuerKid == null) {
            String modulus = unsigned(((RSAPublicKey) issuerKey.getPublic()).getModulus());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> keys =
                    (List<Map<String, Object>>) read(send(HttpRequest.newBuilder(URI.create(jwksUrl))
                                            .timeout(Duration.ofSeconds(30))
                                            .build())
                                    .body())
                            .get("keys");
            issuerKid = keys.stream()
                    .filter(key -> modulus.equals(key.get("n")))
                    .map(key -> (String) key.get("kid"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "the issuer's JWKS " + jwksUrl + " does not publish the test signing key"));
        }
        return issuerKid;
    }

    /** The JWK encoding of a big integer: base64url of its unsigned big-endian bytes. */
    static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0 && bytes.length > 1) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return B64.encodeToString(bytes);
    }

    private static Map<String, Object> rs256Header(String kid) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        header.put("kid", kid);
        return header;
    }

    static String sign(Map<String, Object> header, Map<String, Object> claims, PrivateKey key) {
        String signingInput = encodeJson(header) + "." + encodeJson(claims);
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair foreignKey() {
        return ForeignKey.PAIR;
    }

    /** One foreign key per JVM: RSA key generation takes a moment. */
    private static final class ForeignKey {
        private static final KeyPair PAIR = generate();

        private static KeyPair generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling " + request.uri(), e);
        }
    }

    private static String encodeJson(Map<String, Object> value) {
        try {
            return B64.encodeToString(JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> decode(String part) {
        return read(new String(B64_DECODER.decode(part), StandardCharsets.UTF_8));
    }

    private static Map<String, Object> read(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a JSON object: " + json, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
