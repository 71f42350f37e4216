package io.consentmesh.testkit.tracing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * An OpenTelemetry collector's OTLP/HTTP traces endpoint ({@code POST /v1/traces}, protobuf), for the tests and the
 * local mesh: the services export to it with the real OTLP exporter, over HTTP, as they would to a collector in the
 * cluster. It keeps the latest spans in memory (tests ask for a trace) and, run as a program, appends each span as a
 * JSON line to a file ({@code deploy/local/mesh.sh trace <trace id>} reads it).
 *
 * <pre>java -cp mesh-testkit.jar io.consentmesh.testkit.tracing.TraceCollector PORT SPANS_FILE</pre>
 */
public final class TraceCollector implements AutoCloseable {

    private static final int KEPT = 50_000;
    private static TraceCollector shared;

    private final HttpServer server;
    private final Deque<ReceivedSpan> spans = new ArrayDeque<>();
    private final Writer file;

    private TraceCollector(int port, Path spansFile) throws IOException {
        this.file = spansFile == null
                ? null
                : Files.newBufferedWriter(
                        spansFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/v1/traces", this::export);
        server.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "trace-collector");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** The collector of this test JVM, started on a free port the first time it is asked for. */
    public static synchronized TraceCollector get() {
        if (shared == null) {
            try {
                shared = new TraceCollector(0, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public static void main(String[] args) throws Exception {
        TraceCollector collector = new TraceCollector(Integer.parseInt(args[0]), Path.of(args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(collector::close));
        System.out.println("OTLP/HTTP traces on " + collector.endpoint() + ", spans to " + args[1]);
        Thread.currentThread().join();
    }

    /** What a service's {@code mesh.tracing.otlp-endpoint} should say. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    /** The spans received so far (the latest {@value #KEPT}), oldest first. */
    public synchronized List<ReceivedSpan> spans() {
        return new ArrayList<>(spans);
    }

    /** The spans of one trace received so far. */
    public List<ReceivedSpan> trace(String traceId) {
        return spans().stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    private void export(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            List<ReceivedSpan> received;
            try (InputStream body =
                    "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                            ? new GZIPInputStream(exchange.getRequestBody())
                            : exchange.getRequestBody()) {
                received = OtlpTraces.read(body.readAllBytes());
            } catch (RuntimeException malformed) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            keep(received);
            // an empty ExportTraceServiceResponse: everything accepted
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private synchronized void keep(List<ReceivedSpan> received) throws IOException {
        for (ReceivedSpan span : received) {
            spans.addLast(span);
            if (spans.size() > KEPT) {
                spans.removeFirst();
            }
            if (file != null) {
                file.write(span.toJson());
                file.write('\n');
            }
        }
        if (file != null) {
            file.flush();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // closing at exit
            }
        }
    }
}
