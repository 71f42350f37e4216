package io.consentmesh.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentmesh.testkit.infra.KeycloakServer;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real tokens from a real Keycloak: the claims the mesh reads are where the services are told to look, and the bad
 * tokens OidcTokens makes are bad in exactly the way they claim (checked against the issuer's own JWKS).
 */
class KeycloakIssuerTest {

    private static final Logger LOG = Logger.getLogger(KeycloakIssuerTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KeycloakServer keycloak;
    private static OidcTokens tokens;

    @BeforeAll
    static void startKeycloak() {
        String configured = System.getProperty("testkit.keycloak-home");
        Path home =
                configured != null ? Path.of(configured) : KeycloakServer.findDistribution(Path.of("keycloak/target"));
        Path workDir = Path.of(System.getProperty("testkit.infra-dir", "target/mesh-infra"))
                .toAbsolutePath()
                .resolve("keycloak-issuer-test");
        long started = System.nanoTime();
        keycloak = KeycloakServer.start(home, workDir);
        // Recorded on purpose: the start time is what this test adds to CI.
        LOG.infof("Keycloak started in %d ms", (System.nanoTime() - started) / 1_000_000);
        tokens = new OidcTokens(keycloak);
    }

    @AfterAll
    static void stopKeycloak() {
        if (keycloak != null) {
            keycloak.close();
            assertThat(accepts(keycloak.port())).as("port closed after close()").isFalse();
        }
    }

    @Test
    void aTokenFromTheClientCredentialsGrantCarriesIssuerAudienceTenantAndRoles() throws Exception {
        String token = tokens.clientCredentialsToken("acme-privacy-ops");

        Map<String, Object> claims = OidcTokens.claims(token);
        assertThat(claims.get("iss")).isEqualTo(keycloak.issuer());
        assertThat(strings(claims.get("aud"))).contains("consent-mesh");
        assertThat(claims.get("tenant_id")).isEqualTo("acme");
        assertThat(strings(claims.get("mesh_roles"))).containsExactlyInAnyOrder("privacy-ops", "auditor");
        assertThat(claims.get("sub")).isNotNull();
        assertThat(verifies(token)).isTrue();

        assertThat(OidcTokens.claims(tokens.clientCredentialsToken("acme-sender")))
                .containsEntry("tenant_id", "acme")
                .containsEntry("mesh_roles", List.of("sender"));
        assertThat(OidcTokens.claims(tokens.clientCredentialsToken("globex-privacy-ops")))
                .containsEntry("tenant_id", "globex");
    }

    @Test
    void theWrongAudienceClientGetsATokenWithoutTheMeshAudience() {
        Map<String, Object> claims = OidcTokens.claims(tokens.clientCredentialsToken("acme-wrong-audience"));

        assertThat(strings(claims.get("aud"))).isNotEmpty().doesNotContain("consent-mesh");
        assertThat(claims.get("tenant_id")).isEqualTo("acme");
        assertThat(strings(claims.get("mesh_roles"))).containsExactly("privacy-ops");
    }

    @Test
    void theJwksServesTheRealmsSigningKey() throws Exception {
        JsonNode keys = jwks().get("keys");

        assertThat(keys).isNotEmpty();
        assertThat(keys.findValuesAsText("kid")).contains((String)
                OidcTokens.header(tokens.clientCredentialsToken("acme-sender")).get("kid"));
    }

    @Test
    void aWrongSecretIsRefusedByTheTokenEndpoint() {
        assertThatThrownBy(() -> tokens.clientCredentialsToken("acme-sender", "not-the-secret"))
                .hasMessageContaining("401");
    }

    @Test
    void badTokensAreBadOnlyInTheWayTheyClaim() throws Exception {
        String tampered = tokens.withTamperedSignature("acme-privacy-ops");
        assertThat(OidcTokens.claims(tampered)).containsEntry("tenant_id", "acme");
        assertThat(verifies(tampered)).isFalse();

        String otherTenant = tokens.withTamperedClaims("acme-privacy-ops", "tenant_id", "globex");
        assertThat(OidcTokens.claims(otherTenant)).containsEntry("tenant_id", "globex");
        assertThat(verifies(otherTenant)).isFalse();

        String forged = tokens.signedByForeignKey("acme-privacy-ops");
        assertThat(OidcTokens.claims(forged)).containsEntry("iss", keycloak.issuer());
        assertThat(verifies(forged)).isFalse();

        String foreign = tokens.fromOtherIssuer("acme-privacy-ops");
        assertThat(OidcTokens.claims(foreign).get("iss")).isNotEqualTo(keycloak.issuer());
        assertThat(verifies(foreign)).isFalse();

        // Valid signature by the issuer's published key: only the expiry is wrong.
        String expired = tokens.expiredToken("acme-privacy-ops");
        assertThat(verifies(expired)).isTrue();
        assertThat(((Number) OidcTokens.claims(expired).get("exp")).longValue())
                .isLessThan(Instant.now().minusSeconds(600).getEpochSecond());
    }

    /** A claim that is a string or an array of strings (as {@code aud} may be either), as a list. */
    private static List<String> strings(Object claim) {
        if (claim == null) {
            return List.of();
        }
        return claim instanceof List<?> list
                ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(claim));
    }

    /** Verifies a token's RS256 signature with the JWKS key its header names, as a resource server would. */
    private static boolean verifies(String token) throws Exception {
        Object kid = OidcTokens.header(token).get("kid");
        JsonNode jwk = null;
        for (JsonNode key : jwks().get("keys")) {
            if (key.get("kid").asText().equals(kid)) {
                jwk = key;
            }
        }
        if (jwk == null) {
            return false;
        }
        Base64.Decoder b64 = Base64.getUrlDecoder();
        PublicKey key = KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(
                        new BigInteger(1, b64.decode(jwk.get("n").asText())),
                        new BigInteger(1, b64.decode(jwk.get("e").asText()))));
        int lastDot = token.lastIndexOf('.');
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(b64.decode(token.substring(lastDot + 1)));
    }

    private static JsonNode jwks() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(keycloak.jwksUrl())).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
