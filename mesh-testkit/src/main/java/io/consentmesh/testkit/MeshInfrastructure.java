package io.consentmesh.testkit;

import io.consentmesh.testkit.infra.KafkaBroker;
import io.consentmesh.testkit.infra.PostgresServer;
import io.consentmesh.testkit.security.MeshCredentials;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The real Kafka broker and PostgreSQL that tests run against, started once per test JVM and stopped when it exits.
 * Either is reused instead when the environment names one:
 *
 * <ul>
 *   <li>{@code MESH_TEST_KAFKA_BOOTSTRAP_SERVERS}, e.g. {@code 127.0.0.1:9092};
 *   <li>{@code MESH_TEST_DB_HOST}, {@code MESH_TEST_DB_PORT}, {@code MESH_TEST_DB_NAME}, {@code MESH_TEST_DB_USER},
 *       {@code MESH_TEST_DB_PASSWORD}.
 * </ul>
 */
public final class MeshInfrastructure {

    private static final Logger LOG = Logger.getLogger(MeshInfrastructure.class);
    private static MeshInfrastructure instance;

    private final String kafkaBootstrapServers;
    private final Database database;
    /** The broker this JVM started, or null when the environment named one (then no outage can be staged). */
    private static BrokerHandle broker;

    private MeshInfrastructure(String kafkaBootstrapServers, Database database) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.database = database;
    }

    private static final class BrokerHandle {
        private final Path lib;
        private final Path workDir;
        private final int port;
        private KafkaBroker running;

        private BrokerHandle(Path lib, Path workDir, int port, KafkaBroker running) {
            this.lib = lib;
            this.workDir = workDir;
            this.port = port;
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
                running = KafkaBroker.start(lib, workDir, port);
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
        return kafkaBootstrapServers;
    }

    public Database database() {
        return database;
    }

    /** Quarkus configuration that points a service at this infrastructure. */
    public Map<String, String> quarkusConfig() {
        return Map.of(
                "mesh.security.api-keys.bootstrap-platform-admin", MeshCredentials.PLATFORM_ADMIN,
                "kafka.bootstrap.servers", kafkaBootstrapServers,
                "quarkus.datasource.reactive.url", database.reactiveUrl(),
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", database.user(),
                "quarkus.datasource.password", database.password());
    }

    private static MeshInfrastructure start() {
        Path workDir = Path.of(System.getProperty("testkit.infra-dir", "target/mesh-infra"))
                .toAbsolutePath();
        String kafka = env("MESH_TEST_KAFKA_BOOTSTRAP_SERVERS").orElseGet(() -> startKafka(workDir));
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

    private static String startKafka(Path workDir) {
        Path lib = Path.of(System.getProperty("testkit.kafka-lib", "../mesh-testkit/kafka-broker/target/lib"));
        long started = System.nanoTime();
        Path brokerDir = workDir.resolve("kafka-" + ProcessHandle.current().pid());
        KafkaBroker running = KafkaBroker.start(lib, brokerDir, 0);
        broker = new BrokerHandle(lib, brokerDir, running.port(), running);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "stop-kafka"));
        LOG.infof(
                "Kafka broker (pid %d) on %s after %d ms; logs in %s",
                running.pid(), running.bootstrapServers(), (System.nanoTime() - started) / 1_000_000, brokerDir);
        return running.bootstrapServers();
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
