package io.consentmesh.ingest.load;

import io.consentmesh.testkit.load.LoadCredentials;
import io.consentmesh.testkit.load.OpenLoop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * STOP-to-block latency across the mesh: a signed Twilio STOP webhook accepted by call-ingest-service, until
 * consent-service's {@code POST /v1/authorizations} denies the next text from another sender of the brand, while
 * other inbound messages flow at a fixed background rate (open loop). Talks only to 127.0.0.1 and stops by itself.
 * Run it with {@code deploy/load/stop-to-block.sh}.
 */
public final class StopToBlockBenchmark {

    private static final String SENDER_A = "+14155550171";
    private static final String SENDER_B = "+14155550172";
    private static final Duration BLOCK_TIMEOUT = Duration.ofSeconds(10);

    private final URI ingest;
    private final URI consent;
    private final String platformAdminKey;
    private String tenantKey;
    private final String tenant = "stop-" + UUID.randomUUID().toString().substring(0, 8);
    private final String account = "AC" + UUID.randomUUID().toString().replace("-", "");
    private final String authToken = "bench-" + UUID.randomUUID();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String sendAt = Instant.now()
            .truncatedTo(ChronoUnit.DAYS)
            .plus(1, ChronoUnit.DAYS)
            .plus(15, ChronoUnit.HOURS)
            .toString();

    private StopToBlockBenchmark(URI ingest, URI consent, String platformAdminKey) {
        this.ingest = ingest;
        this.consent = consent;
        this.platformAdminKey = platformAdminKey;
    }

    public static void main(String[] args) {
        OpenLoop.exit(() -> benchmark(args));
    }

    private static int benchmark(String[] args) throws Exception {
        Map<String, String> options = OpenLoop.options(args);
        URI ingest = URI.create(options.getOrDefault("ingest", "http://127.0.0.1:8081"));
        URI consent = URI.create(options.getOrDefault("consent", "http://127.0.0.1:8082"));
        int backgroundRate = Integer.parseInt(options.getOrDefault("background-rate", "1000"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
        int stops = Integer.parseInt(options.getOrDefault("stops", "200"));
        for (URI target : List.of(ingest, consent)) {
            if (!target.getHost().equals("127.0.0.1") && !target.getHost().equals("localhost")) {
                throw new IllegalArgumentException("load is only ever sent to this machine (127.0.0.1)");
            }
        }
        StopToBlockBenchmark bench = new StopToBlockBenchmark(ingest, consent, LoadCredentials.platformAdmin(options));
        List<String> people = bench.setUp(stops);

        try (OpenLoop background = new OpenLoop(ingest)) {
            System.out.printf(
                    "background: %d other inbound messages/s for %d s; %d STOPs measured meanwhile%n",
                    backgroundRate, seconds, stops);
            CompletableFuture<OpenLoop.Result> flow = CompletableFuture.supplyAsync(() -> {
                try {
                    return background.run("background inbound SMS", backgroundRate, seconds, bench::otherMessage);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(3_000); // let the background reach its rate first
            long[] millis = new long[stops];
            long intervalMillis = Math.max(10, (seconds - 6) * 1000L / stops);
            int blocked = 0;
            for (int i = 0; i < stops; i++) {
                long started = System.nanoTime();
                millis[i] = bench.stopToBlock(people.get(i));
                if (millis[i] >= 0) {
                    blocked++;
                }
                long spent = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                Thread.sleep(Math.max(0, intervalMillis - spent));
            }
            OpenLoop.Result flowed = flow.get(seconds + 120L, TimeUnit.SECONDS);
            OpenLoop.report(List.of(flowed), List.of(flowed), 50);
            long[] sorted = Arrays.stream(millis).filter(m -> m >= 0).sorted().toArray();
            System.out.printf(
                    "%nSTOP-to-block (webhook sent -> DENY OPTED_OUT from the other sender): %d of %d blocked within %d s;"
                            + " p50 %d ms, p99 %d ms, max %d ms%n",
                    blocked,
                    stops,
                    BLOCK_TIMEOUT.toSeconds(),
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.99),
                    percentile(sorted, 1.0));
            return blocked == stops ? 0 : 1;
        }
    }

    /** @return milliseconds from sending the STOP to the first DENY, or -1 if it never came */
    private long stopToBlock(String person) throws Exception {
        OpenLoop.Planned stop = SignedTwilio.sms(ingest, account, authToken, person, SENDER_A, "STOP");
        long started = System.nanoTime();
        HttpRequest.Builder webhook = HttpRequest.newBuilder(ingest.resolve(stop.path()))
                .POST(HttpRequest.BodyPublishers.ofString(stop.body().toString()));
        stop.headers().forEach(webhook::header);
        int status = http.send(webhook.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status / 100 != 2) {
            throw new IllegalStateException("the STOP webhook answered " + status);
        }
        long deadline = started + BLOCK_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String decision = call(
                    consent,
                    "POST",
                    "/v1/authorizations",
                    """
                    {"tenantId":"%s","channel":"SMS","from":"%s","to":"%s","contentClass":"INFORMATIONAL",
                     "sendAt":"%s"}"""
                            .formatted(tenant, SENDER_B, person, sendAt));
            if (decision.contains("OPTED_OUT")) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            }
            Thread.sleep(5);
        }
        return -1;
    }

    /** An ordinary message (not a keyword) from someone who is not measured. */
    private OpenLoop.Planned otherMessage(int index) {
        String from = "+1646" + ThreadLocalRandom.current().nextInt(2_000_000, 10_000_000);
        return SignedTwilio.sms(ingest, account, authToken, from, SENDER_A, "what time do you open tomorrow?");
    }

    /** The tenant's account, campaign and senders, and opted-in people to STOP. */
    private List<String> setUp(int count) throws Exception {
        tenantKey = LoadCredentials.tenantKey(consent, platformAdminKey, tenant);
        call(ingest, "PUT", "/v1/admin/provider-accounts/twilio/" + account, "{\"tenantId\":\"" + tenant + "\"}");
        call(
                ingest,
                "POST",
                "/v1/admin/provider-accounts/twilio/" + account + "/credentials",
                "{\"secret\":\"" + authToken + "\"}");
        call(
                consent,
                "PUT",
                "/v1/registry/brands/BSTOP1",
                "{\"tenantId\":\"%s\",\"legalName\":\"Stop Bench Co\",\"status\":\"APPROVED\"}".formatted(tenant));
        call(
                consent,
                "PUT",
                "/v1/registry/campaigns/CSTOP1",
                """
                {"tenantId":"%s","brandId":"BSTOP1","useCase":"MIXED","subUseCases":["ACCOUNT_NOTIFICATION","MARKETING"],
                 "status":"ACTIVE","helpMessage":"Stop-to-block bench: reply STOP to end, HELP for help."}"""
                        .formatted(tenant));
        for (String sender : List.of(SENDER_A, SENDER_B)) {
            call(
                    consent,
                    "PUT",
                    "/v1/registry/sender-numbers/" + sender,
                    "{\"tenantId\":\"%s\",\"campaignId\":\"CSTOP1\"}".formatted(tenant));
        }
        List<String> people = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String person = "+1212" + ThreadLocalRandom.current().nextInt(2_000_000, 10_000_000);
            call(
                    consent,
                    "POST",
                    "/v1/consents",
                    """
                    {"tenantId":"%s","phoneNumber":"%s","channel":"SMS","level":"EXPRESS_WRITTEN","source":"WEB_FORM",
                     "disclosureText":"Texts from Stop Co. Reply STOP to end.","disclosureVersion":"v1",
                     "capturedAt":"%s","ipAddress":"203.0.113.7","userAgent":"bench"}"""
                            .formatted(tenant, person, Instant.now().minusSeconds(60)));
            people.add(person);
        }
        return people;
    }

    private String call(URI base, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        // call-ingest's operator API is the platform's; consent-service's calls are the tenant's
        request.header("Authorization", "Bearer " + (base.equals(ingest) ? platformAdminKey : tenantKey));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
