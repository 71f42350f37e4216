package io.consentmesh.testkit.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop HTTP load driver for the services' load generators: sends a fixed rate of planned requests, each at its
 * due time whatever the answers do, and measures every latency from that due time, so a slow server cannot hide its
 * queue. Vert.x client on one event loop, keep-alive connections; talks only to 127.0.0.1 and stops by itself.
 */
public final class OpenLoop implements AutoCloseable {

    private static final int MAX_IN_FLIGHT = 4096;
    /** Keep-alive connections to the service; requests beyond them queue in the client (and count in latency). */
    private static final int CONNECTIONS = 128;

    /**
     * One request a run sends.
     *
     * @param acceptedKey what to remember when it is answered 2xx (an event id to look for afterwards), or null
     */
    public record Planned(String path, Map<String, String> headers, Buffer body, String acceptedKey) {}

    // The load itself goes through Vert.x on one event loop: the JDK client cost more CPU than the service it measured.
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final HttpClient load;

    public OpenLoop(URI target) {
        if (!target.getHost().equals("127.0.0.1") && !target.getHost().equals("localhost")) {
            throw new IllegalArgumentException("load is only ever sent to this machine (127.0.0.1)");
        }
        this.load = vertx.httpClientBuilder()
                .with(new HttpClientOptions()
                        .setDefaultHost(target.getHost())
                        .setDefaultPort(target.getPort())
                        .setKeepAlive(true))
                .with(new PoolOptions().setHttp1MaxSize(CONNECTIONS))
                .build();
    }

    /** What one phase measured. */
    public record Result(
            String name,
            int planned,
            long ok,
            long failed,
            double seconds,
            int targetRate,
            Instant startedAt,
            long[] latenciesMicros,
            Set<String> accepted,
            Map<String, Long> failures) {

        public double rate() {
            return ok / seconds;
        }

        public long percentileMillis(double p) {
            long[] sorted =
                    Arrays.stream(latenciesMicros).filter(l -> l >= 0).sorted().toArray();
            if (sorted.length == 0) {
                return -1;
            }
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1000;
        }

        /** Each second of the run (by due time) in which some request took longer than {@code millis}. */
        public List<String> slowSeconds(long millis) {
            List<String> slow = new ArrayList<>();
            for (int second = 0; second * targetRate < latenciesMicros.length; second++) {
                int from = second * targetRate;
                int to = Math.min(latenciesMicros.length, from + targetRate);
                long over = 0;
                long max = 0;
                for (int i = from; i < to; i++) {
                    if (latenciesMicros[i] > millis * 1000) {
                        over++;
                    }
                    max = Math.max(max, latenciesMicros[i]);
                }
                if (over > 0) {
                    slow.add("second %d (%s): %d requests over %d ms, slowest %d ms"
                            .formatted(second, startedAt.plusSeconds(second), over, millis, max / 1000));
                }
            }
            return slow;
        }
    }

    /** Sends {@code rate} requests a second for {@code seconds}, each at its due time whatever the answers do. */
    public Result run(String name, int rate, int seconds, RequestFactory factory) throws Exception {
        int total = rate * seconds;
        long[] latencies = new long[total];
        Arrays.fill(latencies, -1);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Map<String, Long> failures = new ConcurrentHashMap<>();
        Planned[] plan = new Planned[total];
        for (int i = 0; i < total; i++) {
            plan[i] = factory.next(i);
        }
        System.out.printf("%s: %d requests at %d/s ...%n", name, total, rate);
        // The plan (hundreds of MB at 10,000/s) would otherwise be copied out of the young generation a few seconds
        // into the run: pauses of 50-90 ms in this JVM, counted as the service's latency. Moved now, before the clock.
        System.gc();
        // Paced on the client's own event loop, every millisecond sending whatever has fallen due: waking a thread per
        // request (or handing each request to the loop from another thread) cost more CPU than the requests.
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        double nanosPerRequest = 1_000_000_000.0 / rate;
        int[] next = {0};
        vertx.setPeriodic(1, timer -> {
            long now = System.nanoTime();
            while (next[0] < total && start + (long) (next[0] * nanosPerRequest) <= now) {
                int index = next[0]++;
                long due = start + (long) (index * nanosPerRequest);
                if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
                    inFlight.decrementAndGet();
                    failed.incrementAndGet(); // the server is this far behind: count it, do not queue more
                    failures.merge("not sent: " + MAX_IN_FLIGHT + " already in flight", 1L, Long::sum);
                    done.incrementAndGet();
                    continue;
                }
                send(plan[index]).onComplete(status -> {
                    latencies[index] = (System.nanoTime() - due) / 1000;
                    if (status.succeeded() && status.result() / 100 == 2) {
                        ok.incrementAndGet();
                        if (plan[index].acceptedKey() != null) {
                            accepted.add(plan[index].acceptedKey());
                        }
                    } else {
                        failed.incrementAndGet();
                        String reason = status.succeeded()
                                ? "HTTP " + status.result()
                                : status.cause().getClass().getSimpleName();
                        failures.merge(reason, 1L, Long::sum);
                    }
                    inFlight.decrementAndGet();
                    done.incrementAndGet();
                });
            }
            if (next[0] >= total) {
                vertx.cancelTimer(timer);
            }
        });
        // every request is due within the run; each then has its own 30 s timeout
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds + 40L);
        while (done.get() < total && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (done.get() < total) {
            failures.put("no answer by the end of the run", (long) (total - done.get()));
        }
        return new Result(
                name,
                total,
                ok.get(),
                failed.get() + (total - done.get()),
                elapsed,
                rate,
                startedAt,
                latencies,
                accepted,
                Map.copyOf(failures));
    }

    /** @return the answer's status code, once its body has been read */
    private Future<Integer> send(Planned planned) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setURI(planned.path())
                .setTimeout(30_000);
        planned.headers().forEach(options::addHeader);
        return load.request(options)
                .compose(request -> request.send(planned.body()))
                .compose(response -> response.body().map(ignored -> response.statusCode()));
    }

    @FunctionalInterface
    public interface RequestFactory {
        Planned next(int index) throws Exception;
    }

    /** Prints the phases as a Markdown table, then each measured phase's failures and slow seconds. */
    public static void report(List<Result> phases, List<Result> measured, long slowMillis) {
        System.out.println();
        System.out.println("| phase | target rate/s | achieved rate/s | ok | failed | p50 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Result r : phases) {
            System.out.printf(
                    "| %s | %d | %.0f | %d | %d | %d | %d | %d |%n",
                    r.name(),
                    r.targetRate(),
                    r.rate(),
                    r.ok(),
                    r.failed(),
                    r.percentileMillis(0.50),
                    r.percentileMillis(0.99),
                    r.percentileMillis(1.0));
        }
        for (Result r : measured) {
            if (!r.failures().isEmpty()) {
                System.out.printf("%n%s failures: %s%n", r.name(), r.failures());
            }
            List<String> slow = r.slowSeconds(slowMillis);
            if (!slow.isEmpty()) {
                System.out.printf("%n%s, seconds with requests over %d ms (%d):%n", r.name(), slowMillis, slow.size());
                slow.stream().limit(20).forEach(line -> System.out.println("  " + line));
            }
        }
    }

    /** Samples the service's resident set size from /proc while the load runs. */
    public static final class RssWatch extends Thread {
        private final long pid;
        private volatile boolean running = true;
        private volatile long peakKb;

        public RssWatch(long pid) {
            this.pid = pid;
            setDaemon(true);
        }

        @Override
        public void run() {
            Path status = Path.of("/proc/" + pid + "/status");
            while (running && pid > 0) {
                try {
                    for (String line : Files.readAllLines(status)) {
                        if (line.startsWith("VmRSS:")) {
                            peakKb = Math.max(peakKb, Long.parseLong(line.replaceAll("[^0-9]", "")));
                        }
                    }
                } catch (Exception e) {
                    return; // the process is gone
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }

        public long finish() {
            running = false;
            return peakKb;
        }
    }

    /**
     * Runs a load generator's body and exits the JVM with its status (2 on an error): an error on the main thread must
     * not leave the HTTP client's threads holding the JVM up.
     */
    public static void exit(java.util.concurrent.Callable<Integer> benchmark) {
        int status;
        try {
            status = benchmark.call();
        } catch (Throwable e) {
            e.printStackTrace();
            status = 2;
        }
        System.exit(status);
    }

    /** {@code --name=value} arguments. */
    public static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        return options;
    }

    @Override
    public void close() {
        vertx.close();
    }
}
