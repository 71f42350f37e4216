package io.consentmesh.testkit.infra;

import io.consentmesh.contracts.KafkaLogin;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * A single-node Apache Kafka 4 broker in KRaft combined mode on 127.0.0.1, run as its own JVM from the jars that
 * mesh-testkit copies to {@code target/kafka-broker/lib}. Replication factors and min ISR are 1, as one node needs.
 *
 * <p>Clients must authenticate (SASL/SCRAM-SHA-512, no TLS: the listener is loopback only) and are authorized by ACLs
 * ({@link MeshKafkaAcls}); nothing is allowed where no ACL allows it. {@link MeshKafkaAcls#ADMIN} is the super-user,
 * and the only principal that exists when the log directory is formatted. The controller listener authenticates the
 * broker with SASL/PLAIN as that same admin (KRaft cannot use SCRAM there), so no anonymous connection is trusted.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path workDir;
    private final int port;
    private final Process process;
    private final KafkaLogin admin;

    private KafkaBroker(Path workDir, int port, Process process, KafkaLogin admin) {
        this.workDir = workDir;
        this.port = port;
        this.process = process;
        this.admin = admin;
    }

    /**
     * Formats a log directory under {@code workDir} (unless one is already there) and starts the broker.
     *
     * @param libDir the broker's jars
     * @param port the client port, or 0 for a free one
     * @param adminPassword the super-user's password; a log directory formatted earlier keeps the one it was
     *     formatted with, so a restart must pass the same
     */
    public static KafkaBroker start(Path libDir, Path workDir, int port, String adminPassword) {
        return start(libDir, workDir, port, adminPassword, true);
    }

    /**
     * @param quickStart compile with C1 only: a test broker starts sooner and lives briefly; a long-lived local broker
     *     (deploy/local, load tests) needs the full JIT's throughput instead
     */
    public static KafkaBroker start(Path libDir, Path workDir, int port, String adminPassword, boolean quickStart) {
        requireJars(libDir);
        requirePlainPassword(adminPassword);
        int clientPort = port == 0 ? Commands.freePort() : port;
        int controllerPort = Commands.freePort();
        try {
            Files.createDirectories(workDir);
            // the admin's password is in it: readable by this user only
            Path config = Commands.writePrivate(
                    workDir.resolve("server.properties"),
                    serverProperties(workDir.resolve("data"), clientPort, controllerPort, adminPassword));
            Path log4j = workDir.resolve("log4j2.properties");
            Files.writeString(log4j, log4jProperties(workDir.resolve("kafka.log")));
            String classpath = libDir.toAbsolutePath() + File.separator + "*";

            if (!Files.exists(workDir.resolve("data").resolve("meta.properties"))) {
                // The super-user exists from the start (the services' users come from MeshKafkaAcls). Its password
                // goes in a private argument file, not on the command line, where ps and error messages show it.
                Path formatArgs = Commands.writePrivate(
                        workDir.resolve("format.args"),
                        String.join(
                                "\n",
                                "-cp",
                                classpath,
                                "-Dlog4j2.configurationFile=" + log4j,
                                "kafka.tools.StorageTool",
                                "format",
                                "-t",
                                clusterId(),
                                "-c",
                                config.toString(),
                                "--add-scram",
                                KafkaLogin.MECHANISM + "=[name=" + MeshKafkaAcls.ADMIN + ",password=" + adminPassword
                                        + "]"));
                try {
                    Commands.run(List.of(java(), "@" + formatArgs), Map.of(), Duration.ofSeconds(60));
                } finally {
                    Files.deleteIfExists(formatArgs);
                }
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
            KafkaBroker broker =
                    new KafkaBroker(workDir, clientPort, process, new KafkaLogin(MeshKafkaAcls.ADMIN, adminPassword));
            broker.awaitStarted();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a broker that outlives this JVM, for {@code deploy/local}: {@code KafkaBroker <libDir> <workDir> <port>},
     * with the admin's password in {@code KAFKA_ADMIN_PASSWORD} and each service's in the variable
     * {@link MeshKafkaAcls#passwordVariable} names (never on the command line, where {@code ps} shows it). It then sets
     * up the mesh's topics, users and ACLs. A log directory formatted earlier is reused, so topics survive a restart
     * of the local mesh.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: KafkaBroker <libDir> <workDir> <port>  (passwords in the environment)");
            System.exit(2);
        }
        String adminPassword = requiredEnv("KAFKA_ADMIN_PASSWORD");
        Map<String, String> passwords = new LinkedHashMap<>();
        for (MeshKafkaAcls.ServiceAccess service : MeshKafkaAcls.SERVICES) {
            passwords.put(service.principal(), requiredEnv(MeshKafkaAcls.passwordVariable(service.principal())));
        }
        Path workDir = Path.of(args[1]).toAbsolutePath();
        KafkaBroker broker = start(Path.of(args[0]), workDir, Integer.parseInt(args[2]), adminPassword, false);
        try {
            broker.applyAcls(passwords);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        Files.writeString(workDir.resolve("kafka.pid"), broker.pid() + "\n");
        System.out.println(broker.bootstrapServers());
    }

    /** Creates the mesh's topics and its services' users and ACLs ({@link MeshKafkaAcls#apply}), as the admin. */
    public void applyAcls(Map<String, String> servicePasswords) {
        try (Admin client = Admin.create(admin.clientConfig(bootstrapServers()))) {
            MeshKafkaAcls.apply(client, servicePasswords);
        }
    }

    /** The super-user's login. */
    public KafkaLogin admin() {
        return admin;
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

    static String serverProperties(Path dataDir, int clientPort, int controllerPort, String adminPassword) {
        String admin = MeshKafkaAcls.ADMIN;
        return String.join(
                        "\n",
                        "process.roles=broker,controller",
                        "node.id=1",
                        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                        "listeners=CLIENT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                        "advertised.listeners=CLIENT://127.0.0.1:" + clientPort,
                        "controller.listener.names=CONTROLLER",
                        "inter.broker.listener.name=CLIENT",
                        "listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,CLIENT:SASL_PLAINTEXT",
                        // clients: SCRAM, users kept in the cluster's metadata
                        "listener.name.client.sasl.enabled.mechanisms=" + KafkaLogin.MECHANISM,
                        "sasl.mechanism.inter.broker.protocol=" + KafkaLogin.MECHANISM,
                        "listener.name.client.scram-sha-512.sasl.jaas.config="
                                + new KafkaLogin(admin, adminPassword).jaasConfig(),
                        // broker to controller: PLAIN with the one user the JAAS line defines
                        "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                        "sasl.mechanism.controller.protocol=PLAIN",
                        "listener.name.controller.plain.sasl.jaas.config="
                                + "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                                + admin + "\" password=\"" + adminPassword + "\" user_" + admin + "=\"" + adminPassword
                                + "\";",
                        "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                        "allow.everyone.if.no.acl.found=false",
                        "super.users=User:" + admin,
                        "log.dirs=" + dataDir.toAbsolutePath(),
                        "num.partitions=3",
                        // kept until deleted, like the evidence topics in Kubernetes; the raw telephony topics get
                        // a bounded retention of their own (MeshKafkaAcls.RAW_TELEPHONY_RETENTION_DEFAULT)
                        "log.retention.ms=-1",
                        // every mesh topic is created up front (MeshKafkaAcls); a typo'd name fails instead of
                        // quietly making a new topic
                        "auto.create.topics.enable=false",
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

    /** Both JAAS lines and the storage tool's --add-scram take the password as is: keep it to safe characters. */
    private static void requirePlainPassword(String password) {
        if (password == null || !password.matches("[A-Za-z0-9_+/=.-]{12,}")) {
            throw new IllegalArgumentException(
                    "the Kafka admin password must be at least 12 characters of [A-Za-z0-9_+/=.-]");
        }
    }

    private static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
