package io.consentmesh.testkit.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Apache Kafka 4 broker in KRaft combined mode on 127.0.0.1, run as its own JVM from the jars that
 * mesh-testkit copies to {@code target/kafka-broker/lib}. Replication factors and min ISR are 1, as one node needs.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path workDir;
    private final int port;
    private final Process process;

    private KafkaBroker(Path workDir, int port, Process process) {
        this.workDir = workDir;
        this.port = port;
        this.process = process;
    }

    /**
     * Formats a log directory under {@code workDir} (unless one is already there) and starts the broker.
     *
     * @param libDir the broker's jars
     * @param port the client port, or 0 for a free one
     */
    public static KafkaBroker start(Path libDir, Path workDir, int port) {
        return start(libDir, workDir, port, true);
    }

    /**
     * @param quickStart compile with C1 only: a test broker starts sooner and lives briefly; a long-lived local broker
     *     (deploy/local, load tests) needs the full JIT's throughput instead
     */
    public static KafkaBroker start(Path libDir, Path workDir, int port, boolean quickStart) {
        requireJars(libDir);
        int clientPort = port == 0 ? Commands.freePort() : port;
        int controllerPort = Commands.freePort();
        try {
            Files.createDirectories(workDir);
            Path config = workDir.resolve("server.properties");
            Files.writeString(config, serverProperties(workDir.resolve("data"), clientPort, controllerPort));
            Path log4j = workDir.resolve("log4j2.properties");
            Files.writeString(log4j, log4jProperties(workDir.resolve("kafka.log")));
            String classpath = libDir.toAbsolutePath() + File.separator + "*";

            if (!Files.exists(workDir.resolve("data").resolve("meta.properties"))) {
                Commands.run(
                        List.of(
                                java(),
                                "-cp",
                                classpath,
                                "-Dlog4j2.configurationFile=" + log4j,
                                "kafka.tools.StorageTool",
                                "format",
                                "-t",
                                clusterId(),
                                "-c",
                                config.toString()),
                        Map.of(),
                        Duration.ofSeconds(60));
            }

            List<String> command = new ArrayList<>(List.of(java(), "-Xms128m", "-Xmx512m", "-XX:+UseG1GC"));
            if (quickStart) {
                command.add("-XX:TieredStopAtLevel=1");
            }
            command.addAll(
                    List.of("-Dlog4j2.configurationFile=" + log4j, "-cp", classpath, "kafka.Kafka", config.toString()));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("kafka.out").toFile())
                    .start();
            KafkaBroker broker = new KafkaBroker(workDir, clientPort, process);
            broker.awaitStarted();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a broker that outlives this JVM, for {@code deploy/local}: {@code KafkaBroker <libDir> <workDir> <port>}.
     * A log directory formatted earlier is reused, so topics survive a restart of the local mesh.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: KafkaBroker <libDir> <workDir> <port>");
            System.exit(2);
        }
        Path workDir = Path.of(args[1]).toAbsolutePath();
        KafkaBroker broker = start(Path.of(args[0]), workDir, Integer.parseInt(args[2]), false);
        Files.writeString(workDir.resolve("kafka.pid"), broker.pid() + "\n");
        System.out.println(broker.bootstrapServers());
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path workDir() {
        return workDir;
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: a controlled shutdown
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitStarted() throws IOException {
        Path log = workDir.resolve("kafka.log");
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the Kafka broker exited during start; see " + workDir.resolve("kafka.out"));
            }
            if (Files.exists(log)
                    && Files.readString(log, StandardCharsets.UTF_8).contains("Kafka Server started")
                    && Commands.accepts("127.0.0.1", port)) {
                return;
            }
            try {
                // Waiting on the child for a moment also notices at once if it dies.
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting Kafka", e);
            }
        }
        close();
        throw new IllegalStateException("the Kafka broker did not start within " + START_TIMEOUT + "; see " + log);
    }

    private static void requireJars(Path libDir) {
        try (var jars = Files.list(libDir)) {
            if (jars.noneMatch(p -> p.getFileName().toString().startsWith("kafka_2.13"))) {
                throw new IllegalStateException("no kafka_2.13 jar in " + libDir);
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Kafka broker jars not found at " + libDir
                            + ": build it first (./mvnw -pl mesh-testkit/kafka-broker package)",
                    e);
        }
    }

    static String serverProperties(Path dataDir, int clientPort, int controllerPort) {
        return String.join(
                        "\n",
                        "process.roles=broker,controller",
                        "node.id=1",
                        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                        "listeners=PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                        "advertised.listeners=PLAINTEXT://127.0.0.1:" + clientPort,
                        "controller.listener.names=CONTROLLER",
                        "inter.broker.listener.name=PLAINTEXT",
                        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                        "log.dirs=" + dataDir.toAbsolutePath(),
                        "num.partitions=3",
                        "auto.create.topics.enable=true",
                        "default.replication.factor=1",
                        "min.insync.replicas=1",
                        "offsets.topic.replication.factor=1",
                        "offsets.topic.num.partitions=3",
                        "transaction.state.log.replication.factor=1",
                        "transaction.state.log.min.isr=1",
                        "share.coordinator.state.topic.replication.factor=1",
                        "share.coordinator.state.topic.min.isr=1",
                        "group.initial.rebalance.delay.ms=0",
                        "")
                + "\n";
    }

    private static String log4jProperties(Path logFile) {
        return String.join(
                "\n",
                "rootLogger.level=INFO",
                "rootLogger.appenderRef.file.ref=file",
                "appender.file.type=File",
                "appender.file.name=file",
                "appender.file.fileName=" + logFile.toAbsolutePath(),
                "appender.file.layout.type=PatternLayout",
                "appender.file.layout.pattern=[%d] %p %m (%c)%n",
                "logger.kafka.name=kafka",
                "logger.kafka.level=INFO",
                "logger.state.name=state.change.logger",
                "logger.state.level=WARN",
                "");
    }

    /**
     * Kafka cluster ids are 16 random bytes, Base64 URL-encoded without padding. Like Kafka's own generator we never
     * return one that starts with '-': the storage tool would read it as an option (a 1-in-64 flake otherwise).
     */
    static String clusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            ByteBuffer bytes = ByteBuffer.allocate(16)
                    .putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
