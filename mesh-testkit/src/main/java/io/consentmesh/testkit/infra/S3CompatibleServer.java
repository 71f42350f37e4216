package io.consentmesh.testkit.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * A real S3-compatible server for the tests: Adobe S3Mock 4.5 ({@code com.adobe.testing:s3mock:exec}, from Maven
 * Central, copied to {@code target/s3-server} by the build of each module whose tests use it), run as its own JVM on 127.0.0.1 with the given buckets,
 * its files in a temporary directory; stopped by {@link #close}. It implements the S3 REST API (path-style) that the
 * AWS SDK speaks, without checking signatures.
 */
public final class S3CompatibleServer implements AutoCloseable {

    private static final Path JAR = Path.of("target/s3-server/s3mock-exec.jar");

    private final Process process;
    private final int port;
    private final Path root;

    public S3CompatibleServer(String... buckets) {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException("no " + JAR + ": run the build (maven-dependency-plugin copies it)");
        }
        try {
            root = Files.createTempDirectory("s3-server");
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            Path log = root.resolve("s3-server.log");
            process = new ProcessBuilder(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx256m",
                            "-jar",
                            JAR.toString(),
                            "--server.port=0",
                            "--server.address=127.0.0.1",
                            "--com.adobe.testing.s3mock.http-port=" + port,
                            "--com.adobe.testing.s3mock.store.root=" + root.resolve("data"),
                            "--com.adobe.testing.s3mock.store.initial-buckets=" + String.join(",", buckets)))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            Awaitility.await("the S3-compatible server started (log: " + log + ")")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .failFast("the S3-compatible server exited", () -> !process.isAlive())
                    .until(() -> Files.readString(log).contains("Started S3MockApplication"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
