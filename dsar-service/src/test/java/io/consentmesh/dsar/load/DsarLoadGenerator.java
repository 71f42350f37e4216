package io.consentmesh.dsar.load;

import io.consentmesh.contracts.KafkaLogin;
import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.dsar.DsarRequestRecorded;
import io.consentmesh.contracts.dsar.VerificationSmsRequested;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.testkit.load.LoadCredentials;
import io.consentmesh.testkit.load.OpenLoop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Load test of verified data-subject requests through a running mesh (issue: 1,000 verified requests opened and fanned
 * out per minute): at a fixed rate, the person's web form opens a deletion request (dsar-intake), the code texted on
 * {@code dsar.sms-command.v1} is read back from the topic and entered, and the request counts once its record says
 * COMPLETED on {@code dsar.request.v1} — consent-service and retention-service both answered. Beside it, in the same
 * run, the HTTP floor of the service: a read of a request at the same rate. Talks only to 127.0.0.1; stops by itself.
 *
 * <pre>
 * deploy/load/dsar-load.sh [--rate-per-minute=1000] [--seconds=120]
 * </pre>
 */
public final class DsarLoadGenerator {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private final URI dsar;
    private final String key;
    private final String tenant;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // one request per connection at a time: no h2c stream limit
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Map<String, Long> openedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> codeAt = new ConcurrentHashMap<>();
    private final Map<String, Long> verifiedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> completedAt = new ConcurrentHashMap<>();
    private final List<Long> openMillis = new CopyOnWriteArrayList<>();
    private final List<Long> verifyMillis = new CopyOnWriteArrayList<>();
    private final List<Long> readMillis = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);

    private DsarLoadGenerator(URI dsar, String key, String tenant) {
        this.dsar = dsar;
        this.key = key;
        this.tenant = tenant;
    }

    public static void main(String[] args) {
        OpenLoop.exit(() -> {
            Map<String, String> options = OpenLoop.options(args);
            URI dsar = URI.create(options.getOrDefault("dsar", "http://127.0.0.1:8084"));
            URI consent = URI.create(options.getOrDefault("consent", "http://127.0.0.1:8082"));
            if (!"127.0.0.1".equals(dsar.getHost()) || !"127.0.0.1".equals(consent.getHost())) {
                throw new IllegalArgumentException("load is only ever sent to this machine (127.0.0.1)");
            }
            String tenant = "dsarload-" + UUID.randomUUID().toString().substring(0, 8);
            String key = LoadCredentials.tenantKey(consent, LoadCredentials.platformAdmin(options), tenant);
            DsarLoadGenerator run = new DsarLoadGenerator(dsar, key, tenant);
            return run.run(
                    Integer.parseInt(options.getOrDefault("rate-per-minute", "1000")),
                    Integer.parseInt(options.getOrDefault("seconds", "120")),
                    options.getOrDefault("bootstrap", "127.0.0.1:9092"),
                    new KafkaLogin("admin", System.getenv("KAFKA_ADMIN_PASSWORD")));
        });
    }

    private int run(int perMinute, int seconds, String bootstrap, KafkaLogin admin) throws Exception {
        Thread topics = new Thread(() -> follow(bootstrap, admin), "dsar-load-topics");
        topics.setDaemon(true);
        topics.start(); // it reads from the earliest offset: nothing published before it joined is missed
        long interval = 60_000_000_000L / perMinute;
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        int sent = 0;
        System.out.printf(
                "[dsar-load] tenant %s: %d deletion requests a minute for %d s%n", tenant, perMinute, seconds);
        for (long due = start; due < end; due += interval) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            open(due);
            sent++;
            if (sent % 5 == 0 && !openedAt.isEmpty()) {
                read(); // the HTTP floor, beside the load: one read for every five opened
            }
        }
        long loadEnded = System.nanoTime();
        long deadline = loadEnded + Duration.ofSeconds(90).toNanos();
        while (completedAt.size() < openedAt.size() && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        running.set(false);
        report(perMinute, seconds, sent, start, loadEnded);
        return completedAt.size() == sent && refused.get() == 0 ? 0 : 1;
    }

    private void open(long due) {
        String number = "+1212" + ThreadLocalRandom.current().nextInt(2_000_000, 10_000_000);
        String body = "{\"tenantId\":\"" + tenant + "\",\"phoneNumber\":\"" + number
                + "\",\"type\":\"DELETION\",\"source\":\"PERSON_WEB_FORM\"}";
        http.sendAsync(post("/v1/dsar/requests", body), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> {
                    long now = System.nanoTime();
                    Matcher id = response == null ? null : ID.matcher(response.body());
                    if (failure != null || response.statusCode() != 201 || !id.find()) {
                        if (refused.incrementAndGet() <= 3) {
                            System.out.println("[dsar-load] refused: "
                                    + (failure != null ? failure : response.statusCode() + " " + response.body()));
                        }
                        return;
                    }
                    openMillis.add((now - due) / 1_000_000);
                    openedAt.put(id.group(1), due);
                    verifyLater(id.group(1)); // the code may have come before this answer
                });
    }

    private final Map<String, String> codes = new ConcurrentHashMap<>();

    /** The code arrived: enter it (once the open's answer named the request too). */
    private void verifyLater(String requestId) {
        String code = codes.get(requestId);
        long started = System.nanoTime();
        if (code == null || !openedAt.containsKey(requestId) || verifiedAt.putIfAbsent(requestId, started) != null) {
            return; // not both known yet, or entered already
        }
        http.sendAsync(
                        post("/v1/dsar/requests/" + requestId + "/verification", "{\"code\":\"" + code + "\"}"),
                        HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> {
                    if (failure != null || response.statusCode() != 200) {
                        refused.incrementAndGet();
                    } else {
                        verifyMillis.add((System.nanoTime() - started) / 1_000_000);
                    }
                });
    }

    private void read() {
        String any = openedAt.keySet().iterator().next();
        long started = System.nanoTime();
        http.sendAsync(
                        HttpRequest.newBuilder(dsar.resolve("/v1/dsar/requests/" + any))
                                .header("Authorization", "Bearer " + key)
                                .timeout(Duration.ofSeconds(30))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> {
                    if (failure == null && response.statusCode() == 200) {
                        readMillis.add((System.nanoTime() - started) / 1_000_000);
                    }
                });
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(dsar.resolve(path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** Codes from dsar.sms-command.v1 and COMPLETED steps from dsar.request.v1, this run's tenant only. */
    private void follow(String bootstrap, KafkaLogin admin) {
        Map<String, Object> config = new HashMap<>(admin.clientConfig(bootstrap));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "dsar-load-" + tenant);
        // from the start: the run's tenant is new, so nothing of an earlier run is taken, and nothing published before
        // a slow group join (the machine is loaded) is missed
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(Topics.DSAR_SMS_COMMAND, Topics.DSAR_REQUEST));
            while (running.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    if (!record.value().contains("\"tenantid\":\"" + tenant + "\"")) {
                        continue;
                    }
                    long now = System.nanoTime();
                    if (record.topic().equals(Topics.DSAR_SMS_COMMAND)) {
                        VerificationSmsRequested text = EventCodec.decode(
                                        record.value(), VerificationSmsRequested.class)
                                .data();
                        Matcher code = CODE.matcher(text.body());
                        if (code.find()) {
                            codes.put(text.requestId(), code.group(1));
                            codeAt.put(text.requestId(), now);
                            verifyLater(text.requestId());
                        }
                    } else {
                        DsarRequestRecorded step = EventCodec.decode(record.value(), DsarRequestRecorded.class)
                                .data();
                        if ("COMPLETED".equals(step.kind())) {
                            completedAt.putIfAbsent(step.requestId(), now);
                        }
                    }
                }
            }
        }
    }

    private void report(int perMinute, int seconds, int sent, long start, long loadEnded) {
        List<Long> toCode = between(openedAt, codeAt);
        List<Long> verifiedToComplete = between(verifiedAt, completedAt);
        List<Long> openToComplete = between(openedAt, completedAt);
        long lastCompletion =
                completedAt.values().stream().mapToLong(Long::longValue).max().orElse(start);
        double minutes = (lastCompletion - start) / 60e9;
        System.out.printf(
                "[dsar-load] offered %d/min for %d s: %d opened (%d refused), %d codes read back, %d verified, %d"
                        + " completed (both services answered)%n",
                perMinute, seconds, sent, refused.get(), codeAt.size(), verifiedAt.size(), completedAt.size());
        System.out.printf(
                "[dsar-load] completed per minute, first open to last completion: %.0f%n",
                completedAt.size() / minutes);
        line("open (HTTP, from its due time)", openMillis);
        line("open -> code on dsar.sms-command.v1", toCode);
        line("verify (HTTP)", verifyMillis);
        line("verify sent -> COMPLETED on dsar.request.v1", verifiedToComplete);
        line("open -> COMPLETED", openToComplete);
        line("baseline: GET a request (HTTP floor)", readMillis);
        double floor = percentile(readMillis, 50);
        if (floor > 0) {
            System.out.printf("[dsar-load] ratio open p50 / floor p50: %.1f%n", percentile(openMillis, 50) / floor);
        }
    }

    private static List<Long> between(Map<String, Long> from, Map<String, Long> to) {
        List<Long> millis = new ArrayList<>();
        to.forEach((id, at) -> {
            Long started = from.get(id);
            if (started != null) {
                millis.add((at - started) / 1_000_000);
            }
        });
        return millis;
    }

    private static void line(String what, List<Long> millis) {
        System.out.printf(
                "[dsar-load] %-45s n=%5d  p50 %6.0f ms  p95 %6.0f ms  p99 %6.0f ms  max %6.0f ms%n",
                what,
                millis.size(),
                percentile(millis, 50),
                percentile(millis, 95),
                percentile(millis, 99),
                percentile(millis, 100));
    }

    private static double percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
