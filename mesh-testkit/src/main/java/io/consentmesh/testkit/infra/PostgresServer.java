package io.consentmesh.testkit.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster made with the machine's own PostgreSQL binaries ({@code initdb}, {@code pg_ctl}) on a
 * free loopback port, with password (scram-sha-256) authentication and one database. When we are root it runs as the
 * {@code postgres} user, because PostgreSQL refuses to run as root.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String DATABASE = "mesh";
    public static final String USER = "mesh";
    private static final String OS_USER = "postgres";

    private final Path binDir;
    private final Path instanceDir;
    private final int port;
    private final String password;

    private PostgresServer(Path binDir, Path instanceDir, int port, String password) {
        this.binDir = binDir;
        this.instanceDir = instanceDir;
        this.port = port;
        this.password = password;
    }

    public static PostgresServer start(Path workDir) {
        Path binDir = findBinDir()
                .orElseThrow(() -> new IllegalStateException(
                        "PostgreSQL is not installed: run 'apt-get install -y postgresql' (or set MESH_PG_BINDIR)"));
        int port = Commands.freePort();
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Path instanceDir = usableInstanceDir(workDir.resolve("pg-" + port));
        PostgresServer server = new PostgresServer(binDir, instanceDir, port, password);
        server.initAndStart();
        return server;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    public String database() {
        return DATABASE;
    }

    public Path instanceDir() {
        return instanceDir;
    }

    @Override
    public void close() {
        Commands.run(
                Commands.as(OS_USER, List.of(bin("pg_ctl"), "-D", data().toString(), "-m", "fast", "-w", "stop")),
                Map.of(),
                Duration.ofSeconds(60));
    }

    private void initAndStart() {
        try {
            Path pwFile = instanceDir.resolve("pwfile");
            Files.writeString(pwFile, password + "\n");
            handToPostgres(instanceDir);
            Commands.run(
                    Commands.as(
                            OS_USER,
                            List.of(
                                    bin("initdb"),
                                    "-D",
                                    data().toString(),
                                    "-U",
                                    USER,
                                    "--pwfile=" + pwFile,
                                    "-A",
                                    "scram-sha-256",
                                    "-E",
                                    "UTF8",
                                    "--locale=C",
                                    "--no-sync")),
                    Map.of(),
                    Duration.ofSeconds(120));
            Files.deleteIfExists(pwFile);
            // Test instances trade durability for speed: nothing here outlives the test run.
            String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + instanceDir
                    + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
            Commands.run(
                    Commands.as(
                            OS_USER,
                            List.of(
                                    bin("pg_ctl"),
                                    "-D",
                                    data().toString(),
                                    "-l",
                                    instanceDir.resolve("postgres.log").toString(),
                                    "-o",
                                    options,
                                    "-w",
                                    "-t",
                                    "60",
                                    "start")),
                    Map.of(),
                    Duration.ofSeconds(90));
            Commands.run(
                    List.of(
                            bin("psql"),
                            "-h",
                            host(),
                            "-p",
                            String.valueOf(port),
                            "-U",
                            USER,
                            "-d",
                            "postgres",
                            "-v",
                            "ON_ERROR_STOP=1",
                            "-c",
                            "CREATE DATABASE " + DATABASE),
                    Map.of("PGPASSWORD", password),
                    Duration.ofSeconds(30));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path data() {
        return instanceDir.resolve("data");
    }

    private String bin(String tool) {
        return binDir.resolve(tool).toString();
    }

    /** Newest {@code /usr/lib/postgresql/N/bin} (Debian's layout), or MESH_PG_BINDIR. */
    static Optional<Path> findBinDir() {
        String configured = System.getenv("MESH_PG_BINDIR");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(debian)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(debian)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparingInt(PostgresServer::majorVersion));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int majorVersion(Path binDir) {
        try {
            return Integer.parseInt(binDir.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The postgres user must be able to reach the instance directory. Under a build folder that it cannot traverse
     * (a home directory with mode 700, say) we fall back to a fresh directory under the system temp folder.
     */
    private static Path usableInstanceDir(Path preferred) {
        try {
            Files.createDirectories(preferred);
            if (!Commands.runningAsRoot() || reachableByPostgres(preferred)) {
                return preferred;
            }
            Path fallback = Files.createTempDirectory(
                    "consent-mesh-pg-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Files.writeString(preferred.resolve("MOVED"), "instance lives in " + fallback + "\n");
            return fallback;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean reachableByPostgres(Path dir) {
        try {
            Commands.run(
                    List.of("runuser", "-u", OS_USER, "--", "test", "-x", dir.toString()),
                    Map.of(),
                    Duration.ofSeconds(10));
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static void handToPostgres(Path dir) {
        if (Commands.runningAsRoot()) {
            Commands.run(
                    List.of("chown", "-R", OS_USER + ":" + OS_USER, dir.toString()), Map.of(), Duration.ofSeconds(10));
        }
    }
}
