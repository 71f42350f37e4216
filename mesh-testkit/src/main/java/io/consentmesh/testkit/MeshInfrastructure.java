package io.consentmesh.testkit;

import io.consentmesh.contracts.KafkaLogin;
import io.consentmesh.testkit.infra.KafkaBroker;
import io.consentmesh.testkit.infra.MeshKafkaAcls;
import io.consentmesh.testkit.infra.PostgresServer;
import io.consentmesh.testkit.security.MeshCredentials;
import io.consentmesh.testkit.tracing.TraceCollector;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The real Kafka broker and PostgreSQL that tests run against, started once per test JVM and stopped when it exits.
 * Either is reused instead when the environment names one:
 *
 * <ul>
 *   <li>{@code MESH_TEST_KAFKA_BOOTSTRAP_SERVERS}, e.g. {@code 127.0.0.1:9092}, with {@code MESH_TEST_KAFKA_USERNAME}
 *       and {@code MESH_TEST_KAFKA_PASSWORD} when it wants SASL/SCRAM: that one principal then serves the services and
 *       the test clients alike (so such a run does not check the services' ACLs);
 *   <li>{@code MESH_TEST_DB_HOST}, {@code MESH_TEST_DB_PORT}, {@code MESH_TEST_DB_NAME}, {@code MESH_TEST_DB_USER},
 *       {@code MESH_TEST_DB_PASSWORD}.
 * </ul>
 *
 * <p>The broker it starts itself requires SASL/SCRAM and ACLs, as the local and Kubernetes brokers do: each service
 * under test connects as its own principal with only the ACLs of {@link MeshKafkaAcls} (passwords random per run), so
 * a channel without its ACL fails the service's tests. The test's own clients ({@link io.consentmesh.testkit.kafka.KafkaTestClient}) connect as the
 * broker's admin: they stand in for every other service of the mesh at once (feeding topics, reading outputs, dead
 * letters and committed offsets, making scratch topics), and no single narrower principal would do.
 */
public final class MeshInfrastructure {

    private static final Logger LOG = Logger.getLogger(MeshInfrastructure.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static MeshInfrastructure instance;

    private final Kafka kafka;
    private final Database database;
    /** The broker this JVM started, or null when the environment named one (then no outage can be staged). */
    private static BrokerHandle broker;

    private MeshInfrastructure(Kafka kafka, Database database) {
        this.kafka = kafka;
        this.database = database;
    }

    /**
     * Where the broker is and who may log in to it.
     *
     * @param harness the test clients' login, or null for a broker without SASL
     * @param services each service's login by principal; a principal not here connects as {@code harness}
     */
    private record Kafka(String bootstrapServers, KafkaLogin harness, Map<String, KafkaLogin> services) {
        Optional<KafkaLogin> login(String principal) {
            // (immutable maps refuse a null key even to look it up)
            return Optional.ofNullable(principal == null ? harness : services.getOrDefault(principal, harness));
        }
    }

    private static final class BrokerHandle {
        private final Path lib;
        private final Path workDir;
        private final int port;
        private final String adminPassword;
        private KafkaBroker running;

        private BrokerHandle(Path lib, Path workDir, int port, String adminPassword, KafkaBroker running) {
            this.lib = lib;
            this.workDir = workDir;
            this.port = port;
            this.adminPassword = adminPassword;
            this.running = running;
        }

        private synchronized void stop() {
            if (running != null) {
                running.close();
                running = null;
            }
        }

        private synchronized void start() {
            if (running == null) {
                // same data: users and ACLs are still in the cluster's metadata
                running = KafkaBroker.start(lib, workDir, port, adminPassword);
            }
        }
    }

    /** A broker outage for fault tests: the broker stops now and comes back, same port and data, on close. */
    public interface KafkaOutage extends AutoCloseable {
        @Override
        void close();
    }

    /** True when this JVM started the broker itself, so {@link #kafkaOutage()} can stop and restart it. */
    public boolean canStageKafkaOutage() {
        return broker != null;
    }

    public KafkaOutage kafkaOutage() {
        if (broker == null) {
            throw new IllegalStateException("the broker was named by the environment; this JVM cannot stop it");
        }
        broker.stop();
        LOG.info("Kafka broker stopped for a staged outage");
        return () -> {
            broker.start();
            LOG.info("Kafka broker back after the staged outage");
        };
    }

    /** Connection details of a PostgreSQL database. */
    public record Database(String host, int port, String name, String user, String password) {
        public String reactiveUrl() {
            return "postgresql://" + host + ":" + port + "/" + name;
        }

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }
    }

    public static synchronized MeshInfrastructure get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * Client properties for the test's own Kafka clients ({@code bootstrap.servers} and the admin's SASL login): a
     * producer, consumer or admin client made from them may touch any topic and group.
     */
    public Map<String, Object> kafkaClientConfig() {
        return kafkaClientConfig(null);
    }

    /** Client properties that log in as {@code principal} (one of {@link MeshKafkaAcls#SERVICES}). */
    public Map<String, Object> kafkaClientConfig(String principal) {
        return kafka.login(principal)
                .map(login -> login.clientConfig(kafka.bootstrapServers()))
                .orElseGet(() -> new LinkedHashMap<>(Map.of("bootstrap.servers", kafka.bootstrapServers())));
    }

    /**
     * The SASL login of {@code principal}, or the harness's (the admin's) for null; empty against a broker without
     * logins (one named by {@code MESH_TEST_KAFKA_BOOTSTRAP_SERVERS}).
     */
    public Optional<KafkaLogin> kafkaLogin(String principal) {
        return kafka.login(principal);
    }

    public Database database() {
        return database;
    }

    /**
     * Quarkus configuration that points a service at this infrastructure, logged in to Kafka as {@code service}'s own
     * principal ({@code kafka.*} reaches every channel, the health check and the service's own clients).
     *
     * @param service the service's {@code quarkus.application.name}; one without a principal of its own (a test
     *     application of a shared module) gets the test clients' login
     */
    private static final Path PRIVACY_KEYSTORE = Path.of(System.getProperty("testkit.infra-dir", "target/mesh-infra"))
            .toAbsolutePath()
            .resolve("privacy-keks-" + ProcessHandle.current().pid() + ".p12");

    private static final String PRIVACY_KEYSTORE_PASSWORD = randomPassword();

    public Map<String, String> quarkusConfig(String service) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("mesh.security.api-keys.bootstrap-platform-admin", MeshCredentials.PLATFORM_ADMIN);
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        kafka.login(service).ifPresent(login -> login.clientProperties()
                .forEach((name, value) -> config.put("kafka." + name, value)));
        config.put("quarkus.datasource.reactive.url", database.reactiveUrl());
        config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        config.put("quarkus.datasource.username", database.user());
        config.put("quarkus.datasource.password", database.password());
        // mesh-privacy's key-encryption keys: a keystore file of this test run, made by the first service to start
        config.put("mesh.privacy.keystore.path", PRIVACY_KEYSTORE.toString());
        config.put("mesh.privacy.keystore.password", PRIVACY_KEYSTORE_PASSWORD);
        config.put("mesh.privacy.keystore.create-if-missing", "true");
        // spans to this test JVM's collector over real OTLP/HTTP, sent quickly so that a test can wait for them
        config.put("mesh.tracing.exporter", "otlp");
        config.put("mesh.tracing.otlp-endpoint", TraceCollector.get().endpoint());
        config.put("mesh.tracing.export-delay", "200ms");
        return config;
    }

    private static MeshInfrastructure start() {
        Path workDir = Path.of(System.getProperty("testkit.infra-dir", "target/mesh-infra"))
                .toAbsolutePath();
        Kafka kafka = env("MESH_TEST_KAFKA_BOOTSTRAP_SERVERS")
                .map(servers -> new Kafka(
                        servers,
                        env("MESH_TEST_KAFKA_USERNAME")
                                .map(user -> new KafkaLogin(
                                        user, env("MESH_TEST_KAFKA_PASSWORD").orElse("")))
                                .orElse(null),
                        Map.of()))
                .orElseGet(() -> startKafka(workDir));
        Database database = env("MESH_TEST_DB_HOST")
                .map(host -> new Database(
                        host,
                        Integer.parseInt(env("MESH_TEST_DB_PORT").orElse("5432")),
                        env("MESH_TEST_DB_NAME").orElse("mesh"),
                        env("MESH_TEST_DB_USER").orElse("mesh"),
                        env("MESH_TEST_DB_PASSWORD").orElse("")))
                .orElseGet(() -> startPostgres(workDir));
        return new MeshInfrastructure(kafka, database);
    }

    private static Kafka startKafka(Path workDir) {
        Path lib = Path.of(System.getProperty("testkit.kafka-lib", "../mesh-testkit/kafka-broker/target/lib"));
        long started = System.nanoTime();
        Path brokerDir = workDir.resolve("kafka-" + ProcessHandle.current().pid());
        String adminPassword = randomPassword();
        KafkaBroker running = KafkaBroker.start(lib, brokerDir, 0, adminPassword);
        broker = new BrokerHandle(lib, brokerDir, running.port(), adminPassword, running);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "stop-kafka"));
        Map<String, KafkaLogin> services = new LinkedHashMap<>();
        for (MeshKafkaAcls.ServiceAccess service : MeshKafkaAcls.SERVICES) {
            services.put(service.principal(), new KafkaLogin(service.principal(), randomPassword()));
        }
        running.applyAcls(
                services.values().stream().collect(Collectors.toMap(KafkaLogin::username, KafkaLogin::password)));
        LOG.infof(
                "Kafka broker (pid %d) on %s with SASL/SCRAM and ACLs after %d ms; logs in %s",
                running.pid(), running.bootstrapServers(), (System.nanoTime() - started) / 1_000_000, brokerDir);
        return new Kafka(running.bootstrapServers(), running.admin(), Map.copyOf(services));
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static Database startPostgres(Path workDir) {
        long started = System.nanoTime();
        PostgresServer server = PostgresServer.start(workDir);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-postgres"));
        LOG.infof(
                "PostgreSQL on 127.0.0.1:%d after %d ms; files in %s",
                server.port(), (System.nanoTime() - started) / 1_000_000, server.instanceDir());
        return new Database(server.host(), server.port(), server.database(), server.user(), server.password());
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }
}
