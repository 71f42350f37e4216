package io.consentmesh.testkit;

import io.consentmesh.testkit.infra.KeycloakServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Points a {@code @QuarkusTest} at a real OIDC issuer: a Keycloak started once per test JVM (stopped when it exits)
 * with the {@code consent-mesh} test realm. The service verifies bearer tokens against the issuer's JWKS and reads the
 * tenant and the roles from the claims these properties name; tests get tokens from {@link #tokens()}.
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;MeshTest
 * &#64;WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
 * class ConsentApiAuthTest { ... KeycloakResource.tokens().clientCredentialsToken("acme-privacy-ops") ... }
 * </pre>
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    /** The claim the tenant is read from (a string) and the one the roles are read from (an array of strings). */
    public static final String TENANT_CLAIM = "tenant_id";

    public static final String ROLES_CLAIM = "mesh_roles";

    private static final Logger LOG = Logger.getLogger(KeycloakResource.class);
    private static KeycloakServer server;
    private static OidcTokens tokens;

    @Override
    public Map<String, String> start() {
        return config(server());
    }

    @Override
    public void stop() {
        // Keycloak is stopped by a shutdown hook when the test JVM exits, so test profiles can share it.
    }

    /** The configuration a service needs to accept this issuer's tokens. */
    public static Map<String, String> config(KeycloakServer issuer) {
        return Map.of(
                "mp.jwt.verify.publickey.location",
                issuer.jwksUrl(),
                "mp.jwt.verify.issuer",
                issuer.issuer(),
                "mp.jwt.verify.audiences",
                KeycloakServer.AUDIENCE,
                "smallrye.jwt.path.groups",
                ROLES_CLAIM,
                "mesh.security.oidc.tenant-claim",
                TENANT_CLAIM);
    }

    /** The shared Keycloak of this JVM, started on first use. */
    public static synchronized KeycloakServer server() {
        if (server == null) {
            String configured = System.getProperty("testkit.keycloak-home");
            Path home = configured != null
                    ? Path.of(configured)
                    : KeycloakServer.findDistribution(Path.of("../mesh-testkit/keycloak/target"));
            Path workDir = Path.of(System.getProperty("testkit.infra-dir", "target/mesh-infra"))
                    .toAbsolutePath()
                    .resolve("keycloak-" + ProcessHandle.current().pid());
            long started = System.nanoTime();
            KeycloakServer running = KeycloakServer.start(home, workDir);
            Runtime.getRuntime().addShutdownHook(new Thread(running::close, "stop-keycloak"));
            LOG.infof(
                    "Keycloak issuer %s after %d ms; log in %s",
                    running.issuer(), (System.nanoTime() - started) / 1_000_000, workDir);
            server = running;
        }
        return server;
    }

    /** Tokens, good and bad, from the shared Keycloak (started on first use). */
    public static synchronized OidcTokens tokens() {
        if (tokens == null) {
            tokens = new OidcTokens(server());
        }
        return tokens;
    }
}
