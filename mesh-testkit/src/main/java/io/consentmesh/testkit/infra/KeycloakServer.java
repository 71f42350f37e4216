package io.consentmesh.testkit.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak (from Maven Central's {@code keycloak-quarkus-dist}, unpacked by {@code mesh-testkit/keycloak}) on a
 * free loopback port, as the OIDC issuer of tests. It runs {@code bin/kc.sh} on a Java 21+ JDK with an in-memory
 * database and imports the {@value #REALM} realm of {@code consent-mesh-realm.json} (confidential clients with the
 * client-credentials grant; see the testkit README).
 *
 * <p>The realm's RS256 signing key is made here at every start and handed to Keycloak in the realm file, so tests can
 * also sign tokens the issuer's JWKS vouches for (an expired one, say): see {@link #signingKey()}.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "consent-mesh";
    /** The audience the realm's mesh clients put in {@code aud}; services require it. */
    public static final String AUDIENCE = "consent-mesh";
    /** Every test client's secret is its id followed by this (test-only secrets, fixed in the realm file). */
    public static final String SECRET_SUFFIX = "-test-secret";

    /** The JDK kc.sh runs on: Keycloak 26 needs Java 21 or newer, the mesh builds on 17. */
    public static final String JAVA_HOME_PROPERTY = "testkit.keycloak-java-home";

    public static final String JAVA_HOME_ENV = "MESH_KEYCLOAK_JAVA_HOME";
    private static final String DEFAULT_JAVA_HOME = "/usr/lib/jvm/temurin-25-jdk-amd64";

    /**
     * Build-time options, applied once per unpacked distribution by {@code kc.sh build} so that every start can be
     * {@code --optimized} (start-dev re-augments Keycloak's Quarkus application at each start, ~10 s here).
     */
    private static final List<String> BUILD_OPTIONS =
            List.of("--db=dev-mem", "--health-enabled=false", "--metrics-enabled=false");

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final String REALM_RESOURCE = "/io/consentmesh/testkit/keycloak/consent-mesh-realm.json";

    private final Path workDir;
    private final int port;
    private final KeyPair signingKey;
    private final Process process;

    private KeycloakServer(Path workDir, int port, KeyPair signingKey, Process process) {
        this.workDir = workDir;
        this.port = port;
        this.signingKey = signingKey;
        this.process = process;
    }

    /**
     * Starts Keycloak from the distribution at {@code home}; its output goes to {@code workDir/keycloak.log}.
     *
     * @param home the unpacked distribution ({@code mesh-testkit/keycloak/target/keycloak-<version>})
     */
    public static KeycloakServer start(Path home, Path workDir) {
        Path kcSh = home.resolve("bin").resolve("kc.sh");
        if (!Files.isRegularFile(kcSh)) {
            throw new IllegalStateException(
                    "no Keycloak distribution at " + home
                            + ": build it first (./mvnw -pl mesh-testkit/keycloak package), and resolve it once online"
                            + " (./mvnw dependency:get -Dtransitive=false -Dartifact=org.keycloak:keycloak-quarkus-dist:<version>:zip)");
        }
        Path javaHome = javaHome();
        int port = Commands.freePort();
        KeyPair signingKey = rsaKeyPair();
        try {
            Files.createDirectories(workDir);
            buildOnce(home, javaHome, workDir);
            writeRealm(home, signingKey);
            List<String> command = List.of(
                    "/bin/sh",
                    kcSh.toString(),
                    "start",
                    "--optimized",
                    "--http-enabled=true",
                    "--http-host=127.0.0.1",
                    "--http-port=" + port,
                    // One node: no JGroups cluster (it would listen on 7800 for peers and look for them).
                    "--cache=local",
                    // The issuer is the URL a token was requested at: tests and services both use 127.0.0.1:port.
                    "--hostname-strict=false",
                    "--import-realm");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("keycloak.log").toFile());
            environment(builder, javaHome);
            KeycloakServer server = new KeycloakServer(workDir, port, signingKey, builder.start());
            server.awaitStarted();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one {@code keycloak-<version>} directory under {@code dir} (the Maven module's target), else dir itself. */
    public static Path findDistribution(Path dir) {
        try (var entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("keycloak-") && Files.isDirectory(p))
                    .findFirst()
                    .orElse(dir);
        } catch (IOException e) {
            return dir; // start() explains what is missing
        }
    }

    /** The issuer, {@code iss} of its tokens: {@code http://127.0.0.1:<port>/realms/consent-mesh}. */
    public String issuer() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    public String jwksUrl() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    public int port() {
        return port;
    }

    /** The realm's active RS256 key pair; its public half is what {@link #jwksUrl()} serves. */
    public KeyPair signingKey() {
        return signingKey;
    }

    public Path workDir() {
        return workDir;
    }

    /** Stops Keycloak: kc.sh runs the JVM as its child, so the whole process tree is signalled. */
    @Override
    public void close() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy); // SIGTERM: Keycloak shuts down in well under a second
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                handle.destroyForcibly();
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }

    private void awaitStarted() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest jwks = HttpRequest.newBuilder(URI.create(jwksUrl()))
                .timeout(Duration.ofSeconds(5))
                .build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited during start; see " + workDir.resolve("keycloak.log"));
            }
            // The realm's keys are served once the server listens and the import is done.
            if (Commands.accepts("127.0.0.1", port) && status(http, jwks) == 200) {
                return;
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while starting Keycloak", e);
            }
        }
        close();
        throw new IllegalStateException(
                "Keycloak did not start within " + START_TIMEOUT + "; see " + workDir.resolve("keycloak.log"));
    }

    private static int status(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Runs {@code kc.sh build} unless this distribution was already built with {@link #BUILD_OPTIONS}. A file lock
     * keeps two test JVMs sharing the distribution from building it at once.
     */
    private static void buildOnce(Path home, Path javaHome, Path workDir) throws IOException {
        Path marker = home.resolve("mesh-build-options");
        String wanted = String.join(" ", BUILD_OPTIONS) + "\n";
        try (FileChannel channel = FileChannel.open(
                        home.resolve("mesh-build.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            if (Files.exists(marker) && Files.readString(marker).equals(wanted)) {
                return;
            }
            List<String> command = new ArrayList<>(
                    List.of("/bin/sh", home.resolve("bin").resolve("kc.sh").toString(), "build"));
            command.addAll(BUILD_OPTIONS);
            Map<String, String> env = Map.of("JAVA_HOME", javaHome.toString());
            String output = Commands.run(command, env, BUILD_TIMEOUT);
            Files.writeString(workDir.resolve("keycloak-build.log"), output);
            Files.writeString(marker, wanted);
        }
    }

    /** The realm file with this start's signing key, where {@code --import-realm} reads it. */
    private static void writeRealm(Path home, KeyPair signingKey) throws IOException {
        String template;
        try (InputStream in = KeycloakServer.class.getResourceAsStream(REALM_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + REALM_RESOURCE);
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // PKCS#8, base64 without PEM armour: what Keycloak's "rsa" key provider takes as privateKey.
        String privateKey =
                Base64.getEncoder().encodeToString(signingKey.getPrivate().getEncoded());
        Path importDir = home.resolve("data").resolve("import");
        Files.createDirectories(importDir);
        Files.writeString(importDir.resolve(REALM + "-realm.json"), template.replace("@SIGNING_KEY@", privateKey));
    }

    private static void environment(ProcessBuilder builder, Path javaHome) {
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", javaHome.toString());
        // C1 only: a test issuer lives briefly and starts sooner; --add-opens quiets a shutdown error on Java 24+.
        env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1 --add-opens=java.base/java.lang=ALL-UNNAMED");
        // kc.sh would otherwise pick up options meant for someone else's Keycloak.
        env.keySet().removeIf(name -> name.startsWith("KC_") || name.equals("JAVA_OPTS"));
    }

    static Path javaHome() {
        String configured = Optional.ofNullable(System.getProperty(JAVA_HOME_PROPERTY))
                .or(() -> Optional.ofNullable(System.getenv(JAVA_HOME_ENV)))
                .filter(v -> !v.isBlank())
                .orElse(null);
        if (configured == null && Runtime.version().feature() >= 21 && !Files.isDirectory(Path.of(DEFAULT_JAVA_HOME))) {
            return Path.of(System.getProperty("java.home")); // the test JVM itself is new enough
        }
        Path home = Path.of(configured == null ? DEFAULT_JAVA_HOME : configured);
        if (!Files.isExecutable(home.resolve("bin").resolve("java"))) {
            throw new IllegalStateException("Keycloak needs a Java 21+ JDK and there is none at " + home
                    + ": install one"
                    + " (e.g. apt-get install temurin-25-jdk) or name it with -D" + JAVA_HOME_PROPERTY + "=... or "
                    + JAVA_HOME_ENV);
        }
        return home;
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
