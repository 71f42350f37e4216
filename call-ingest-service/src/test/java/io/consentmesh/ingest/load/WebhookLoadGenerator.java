package io.consentmesh.ingest.load;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.ingest.twilio.TwilioSignature;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Load generator for call-ingest-service: sends correctly signed Twilio and Telnyx inbound-SMS webhooks over HTTP at
 * a fixed rate (open loop: latency is measured from when each request was due, so a slow server cannot hide its
 * queueing), then checks that every accepted webhook is on {@code telephony.sms.v1} exactly once, and measures a bare
 * 204 endpoint at the same rate for comparison. Talks only to the addresses it is given (127.0.0.1) and stops by
 * itself. Run it with {@code deploy/load/webhook-load.sh}.
 */
public final class WebhookLoadGenerator {

    private static final Pattern EVENT_ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final int MAX_IN_FLIGHT = 4096;
    /** Keep-alive connections to the service; requests beyond them queue in the client (and count in latency). */
    private static final int CONNECTIONS = 128;

    private final URI target;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    // The load itself goes through Vert.x on one event loop: the JDK client cost more CPU than the service it measured.
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final io.vertx.core.http.HttpClient load;
    private final String twilioAccount = "AC" + UUID.randomUUID().toString().replace("-", "");
    private final String twilioToken = "load-" + UUID.randomUUID();
    private final String telnyxProfile = UUID.randomUUID().toString();
    private final byte[] telnyxPrivateKey = new byte[Ed25519.SECRET_KEY_SIZE];

    private WebhookLoadGenerator(URI target, String adminToken) {
        this.target = target;
        this.adminToken = adminToken;
        this.load = vertx.httpClientBuilder()
                .with(new HttpClientOptions()
                        .setDefaultHost(target.getHost())
                        .setDefaultPort(target.getPort())
                        .setKeepAlive(true))
                .with(new PoolOptions().setHttp1MaxSize(CONNECTIONS))
                .build();
        Ed25519.generatePrivateKey(new SecureRandom(), telnyxPrivateKey);
    }

    /** One request the run sends: where, what, and the event id its webhook must produce. */
    private record Planned(String path, Map<String, String> headers, Buffer body, String expectedEventId) {}

    /** What one phase measured. */
    private record Result(
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

        double rate() {
            return ok / seconds;
        }

        long percentileMillis(double p) {
            long[] sorted =
                    Arrays.stream(latenciesMicros).filter(l -> l >= 0).sorted().toArray();
            if (sorted.length == 0) {
                return -1;
            }
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1000;
        }

        /** Each second of the run (by due time) in which some request took longer than {@code millis}. */
        List<String> slowSeconds(long millis) {
            List<String> slow = new java.util.ArrayList<>();
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

    public static void main(String[] args) {
        int status;
        try {
            status = benchmark(args);
        } catch (Throwable e) { // an error on the main thread must not leave the client's threads holding the JVM up
            e.printStackTrace();
            status = 2;
        }
        System.exit(status);
    }

    private static int benchmark(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        URI target = URI.create(options.getOrDefault("target", "http://127.0.0.1:8081"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "5000"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
        String bootstrap = options.getOrDefault("bootstrap", "127.0.0.1:9092");
        long servicePid = Long.parseLong(options.getOrDefault("service-pid", "0"));
        if (!target.getHost().equals("127.0.0.1") && !target.getHost().equals("localhost")) {
            throw new IllegalArgumentException("load is only ever sent to this machine (127.0.0.1)");
        }

        WebhookLoadGenerator generator = new WebhookLoadGenerator(target, options.get("admin-token"));
        generator.registerAccounts();
        RssWatch rss = new RssWatch(servicePid);
        rss.start();

        // A freshly started JVM interprets its hot path for many seconds, and its first minute at full rate measures
        // the JIT, not the service: a quarter, then half, then the full rate (shown, but not the measured window).
        int warmUp = Integer.parseInt(options.getOrDefault("warmup-seconds", "20"));
        List<Result> warmUps = List.of(
                generator.run(
                        "warm-up", Math.max(100, rate / 4), Math.max(1, warmUp * 2 / 5), generator::signedWebhook),
                generator.run(
                        "warm-up", Math.max(100, rate / 2), Math.max(1, warmUp * 2 / 5), generator::signedWebhook),
                generator.run("warm-up", rate, Math.max(1, warmUp / 5), generator::signedWebhook));
        Result webhooks = generator.run("signed webhooks", rate, seconds, generator::signedWebhook);
        long peakRss = rss.finish();
        long exactlyOnce = generator.verifyExactlyOnce(bootstrap, webhooks.accepted());
        Result bare = generator.run("bare 204 endpoint", rate, seconds, generator::bareRequest);

        System.out.println();
        System.out.println("| phase | target rate/s | achieved rate/s | ok | failed | p50 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        List<Result> phases = new java.util.ArrayList<>(warmUps);
        phases.addAll(List.of(webhooks, bare));
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
        for (Result r : List.of(webhooks, bare)) {
            if (!r.failures().isEmpty()) {
                System.out.printf("%n%s failures: %s%n", r.name(), r.failures());
            }
            List<String> slow = r.slowSeconds(50);
            if (!slow.isEmpty()) {
                System.out.printf("%n%s, seconds with requests over 50 ms (%d):%n", r.name(), slow.size());
                slow.stream().limit(20).forEach(line -> System.out.println("  " + line));
            }
        }
        System.out.printf(
                "%nexactly once on %s: %d of %d accepted webhooks (missing or duplicated: %d)%n",
                Topics.TELEPHONY_SMS,
                exactlyOnce,
                webhooks.accepted().size(),
                webhooks.accepted().size() - exactlyOnce);
        System.out.printf(
                "service peak RSS: %s%n", peakRss > 0 ? (peakRss / 1024) + " MB" : "not measured (no --service-pid)");
        System.out.printf("webhooks/bare throughput ratio: %.2f%n", webhooks.rate() / Math.max(1, bare.rate()));
        return exactlyOnce == webhooks.accepted().size() ? 0 : 1;
    }

    /** Sends {@code rate} requests a second for {@code seconds}, each at its due time whatever the answers do. */
    private Result run(String name, int rate, int seconds, RequestFactory factory) throws Exception {
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
                        if (plan[index].expectedEventId() != null) {
                            accepted.add(plan[index].expectedEventId());
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
    private interface RequestFactory {
        Planned next(int index) throws Exception;
    }

    /** Alternately a Twilio and a Telnyx inbound SMS from a random valid number, correctly signed. */
    private Planned signedWebhook(int index) throws Exception {
        String from = "+1212" + ThreadLocalRandom.current().nextInt(2_000_000, 10_000_000);
        return index % 2 == 0 ? twilioSms(from) : telnyxSms(from);
    }

    private Planned twilioSms(String from) {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        List<Map.Entry<String, String>> params = List.of(
                Map.entry("AccountSid", twilioAccount),
                Map.entry("MessageSid", sid),
                Map.entry("From", from),
                Map.entry("To", "+14155550199"),
                Map.entry("Body", "load test " + sid),
                Map.entry("NumSegments", "1"));
        String path = "/webhooks/twilio/sms";
        String body = params.stream()
                .map(p -> URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Map<String, String> headers = Map.of(
                "Content-Type",
                "application/x-www-form-urlencoded",
                "X-Twilio-Signature",
                TwilioSignature.sign(target + path, params, twilioToken));
        return new Planned(path, headers, Buffer.buffer(body), EventIds.of("twilio", "sms", sid));
    }

    private Planned telnyxSms(String from) throws Exception {
        String dataId = UUID.randomUUID().toString();
        String body = ("{\"data\":{\"event_type\":\"message.received\",\"id\":\"%s\",\"occurred_at\":\"%s\","
                        + "\"payload\":{\"direction\":\"inbound\",\"id\":\"%s\",\"messaging_profile_id\":\"%s\","
                        + "\"from\":{\"phone_number\":\"%s\"},\"to\":[{\"phone_number\":\"+14155550199\"}],"
                        + "\"text\":\"load test\",\"type\":\"SMS\",\"parts\":1},\"record_type\":\"event\"},"
                        + "\"meta\":{\"attempt\":1}}")
                .formatted(dataId, Instant.now(), UUID.randomUUID(), telnyxProfile, from);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        byte[] signed = (timestamp + "|" + body).getBytes(StandardCharsets.UTF_8);
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(telnyxPrivateKey, 0, signed, 0, signed.length, signature, 0);
        Map<String, String> headers = Map.of(
                "Content-Type",
                "application/json",
                "telnyx-timestamp",
                timestamp,
                "telnyx-signature-ed25519",
                Base64.getEncoder().encodeToString(signature));
        return new Planned("/webhooks/telnyx", headers, Buffer.buffer(body), EventIds.of("telnyx", dataId));
    }

    private Planned bareRequest(int index) {
        return new Planned("/webhooks/benchmark/noop", Map.of(), Buffer.buffer("n=" + index), null);
    }

    private void registerAccounts() throws Exception {
        byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(telnyxPrivateKey, 0, publicKey, 0);
        String telnyxPublic = Base64.getEncoder().encodeToString(publicKey);
        admin("PUT", "/v1/admin/provider-accounts/twilio/" + twilioAccount, "{\"tenantId\":\"load\"}");
        admin(
                "POST",
                "/v1/admin/provider-accounts/twilio/" + twilioAccount + "/credentials",
                "{\"secret\":\"" + twilioToken + "\"}");
        admin("PUT", "/v1/admin/provider-accounts/telnyx/" + telnyxProfile, "{\"tenantId\":\"load\"}");
        admin(
                "POST",
                "/v1/admin/provider-accounts/telnyx/" + telnyxProfile + "/credentials",
                "{\"secret\":\"" + telnyxPublic + "\"}");
    }

    private void admin(String method, String path, String json) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(target + path))
                        .header("Authorization", "Bearer " + adminToken)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode());
        }
    }

    /** @return how many accepted webhooks are on the topic exactly once */
    private long verifyExactlyOnce(String bootstrap, Set<String> accepted) {
        Map<String, Integer> seen = new HashMap<>();
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.readEach(Topics.TELEPHONY_SMS, record -> {
                Matcher id = EVENT_ID.matcher(record.value());
                if (id.find() && accepted.contains(id.group(1))) {
                    seen.merge(id.group(1), 1, Integer::sum);
                }
            });
        }
        return accepted.stream().filter(id -> seen.getOrDefault(id, 0) == 1).count();
    }

    /** Samples the service's resident set size from /proc while the load runs. */
    private static final class RssWatch extends Thread {
        private final long pid;
        private volatile boolean running = true;
        private volatile long peakKb;

        RssWatch(long pid) {
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

        long finish() {
            running = false;
            return peakKb;
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        return options;
    }
}
