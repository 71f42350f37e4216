package io.consentmesh.consent.load;

import io.consentmesh.testkit.load.LoadCredentials;
import io.consentmesh.testkit.load.OpenLoop;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Load generator for {@code POST /v1/authorizations}: registers a campaign and its senders, records opt-ins for a pool
 * of people, then asks for authorizations at a fixed rate (open loop, {@link OpenLoop}) for random people of the pool
 * from either sender, each decided by the rules engine, stored and published. Talks only to 127.0.0.1 and stops by
 * itself. Run it with {@code deploy/load/authorization-load.sh}.
 *
 * <p>{@code --http-floor=true} measures the floor under all of that: every request names a sender that is not a phone
 * number, so the service reads and parses it and answers 400 problem+json without deciding, storing or publishing
 * anything. What the box does then is what the HTTP and JSON work alone costs; "failed" counts those refusals.
 */
public final class AuthorizationLoadGenerator {

    private static final List<String> SENDERS = List.of("+14155550181", "+14155550182");
    private static final String NOT_A_NUMBER = "not-a-number";

    private final URI target;
    private final boolean floor;
    private final String tenant = "load-" + UUID.randomUUID().toString().substring(0, 8);
    /** The tenant's API key, made with the platform-admin key before the run: every request carries it. */
    private final String apiKey;

    private final Map<String, String> headers;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> people = new ArrayList<>();
    /** Tomorrow 15:00 UTC: inside New York's hours, so the decisions exercise every rule and come out ALLOW. */
    private final String sendAt = Instant.now()
            .truncatedTo(ChronoUnit.DAYS)
            .plus(1, ChronoUnit.DAYS)
            .plus(15, ChronoUnit.HOURS)
            .toString();

    private AuthorizationLoadGenerator(URI target, boolean floor, String platformAdminKey) {
        this.target = target;
        this.floor = floor;
        this.apiKey = LoadCredentials.tenantKey(target, platformAdminKey, tenant);
        this.headers = Map.of("Content-Type", "application/json", "Authorization", "Bearer " + apiKey);
    }

    public static void main(String[] args) {
        OpenLoop.exit(() -> benchmark(args));
    }

    private static int benchmark(String[] args) throws Exception {
        Map<String, String> options = OpenLoop.options(args);
        URI target = URI.create(options.getOrDefault("target", "http://127.0.0.1:8082"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "10000"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
        int peopleCount = Integer.parseInt(options.getOrDefault("people", "2000"));
        long servicePid = Long.parseLong(options.getOrDefault("service-pid", "0"));
        boolean floor = Boolean.parseBoolean(options.getOrDefault("http-floor", "false"));

        AuthorizationLoadGenerator generator =
                new AuthorizationLoadGenerator(target, floor, LoadCredentials.platformAdmin(options));
        generator.setUp(peopleCount);
        OpenLoop.RssWatch rss = new OpenLoop.RssWatch(servicePid);
        rss.start();
        try (OpenLoop load = new OpenLoop(target)) {
            int warmUp = Math.max(1, Integer.parseInt(options.getOrDefault("warmup-seconds", "20")) / 2);
            List<OpenLoop.Result> phases = new ArrayList<>();
            phases.add(load.run("warm-up", Math.max(100, rate / 4), warmUp, generator::authorization));
            phases.add(load.run("warm-up", Math.max(100, rate / 2), warmUp, generator::authorization));
            OpenLoop.Result measured = load.run("authorizations", rate, seconds, generator::authorization);
            phases.add(measured);
            long peakRss = rss.finish();
            OpenLoop.report(phases, List.of(measured), 10);
            System.out.printf(
                    "%nservice peak RSS: %s%n",
                    peakRss > 0 ? (peakRss / 1024) + " MB" : "not measured (no --service-pid)");
            if (floor) { // every answer should be the refusal, and nothing else
                System.out.printf("refusals answered per second: %.0f%n", measured.failed() / measured.seconds());
                return measured.ok() == 0 && measured.failures().keySet().equals(Set.of("HTTP 400")) ? 0 : 1;
            }
            return measured.failed() == 0 ? 0 : 1;
        }
    }

    /** An informational text to a random opted-in person of the pool, from either sender. */
    private OpenLoop.Planned authorization(int index) {
        String person = people.get(Math.floorMod(index * 7919, people.size()));
        String sender = floor ? NOT_A_NUMBER : SENDERS.get(index % 2);
        String body = ("{\"tenantId\":\"%s\",\"channel\":\"SMS\",\"from\":\"%s\",\"to\":\"%s\","
                        + "\"contentClass\":\"INFORMATIONAL\",\"sendAt\":\"%s\"}")
                .formatted(tenant, sender, person, sendAt);
        return new OpenLoop.Planned("/v1/authorizations", headers, Buffer.buffer(body), null);
    }

    private void setUp(int peopleCount) throws Exception {
        post(
                "PUT",
                "/v1/registry/brands/BLOAD1",
                """
                {"tenantId":"%s","legalName":"Load Test Inc.","status":"APPROVED"}"""
                        .formatted(tenant));
        post(
                "PUT",
                "/v1/registry/campaigns/CLOAD1",
                """
                {"tenantId":"%s","brandId":"BLOAD1","useCase":"MIXED",
                 "subUseCases":["ACCOUNT_NOTIFICATION","MARKETING"],"status":"ACTIVE"}"""
                        .formatted(tenant));
        for (String sender : SENDERS) {
            post(
                    "PUT",
                    "/v1/registry/sender-numbers/" + sender,
                    """
                    {"tenantId":"%s","campaignId":"CLOAD1"}""".formatted(tenant));
        }
        System.out.printf("recording opt-ins for %d people ...%n", peopleCount);
        for (int i = 0; i < peopleCount; i++) {
            String person = "+1212555" + String.format("%04d", i);
            post(
                    "POST",
                    "/v1/consents",
                    """
                    {"tenantId":"%s","phoneNumber":"%s","channel":"SMS","level":"EXPRESS_WRITTEN","source":"WEB_FORM",
                     "disclosureText":"Texts from Load Co. Reply STOP to end.","disclosureVersion":"v1",
                     "capturedAt":"%s","ipAddress":"203.0.113.7","userAgent":"load"}"""
                            .formatted(tenant, person, Instant.now().minusSeconds(60)));
            people.add(person);
        }
    }

    private void post(String method, String path, String json) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(target.resolve(path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + apiKey)
                        .timeout(Duration.ofSeconds(30))
                        .method(method, HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
