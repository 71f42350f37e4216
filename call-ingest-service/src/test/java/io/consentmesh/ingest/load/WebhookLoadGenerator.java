package io.consentmesh.ingest.load;

import io.consentmesh.contracts.KafkaLogin;
import io.consentmesh.contracts.Topics;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.consentmesh.testkit.load.LoadCredentials;
import io.consentmesh.testkit.load.OpenLoop;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generator for call-ingest-service: sends correctly signed Twilio and Telnyx inbound-SMS webhooks over HTTP at
 * a fixed rate (open loop: latency is measured from when each request was due, so a slow server cannot hide its
 * queueing), then checks that every accepted webhook is on {@code telephony.sms.v1} exactly once, and measures a bare
 * 204 endpoint at the same rate for comparison. Talks only to the addresses it is given (127.0.0.1) and stops by
 * itself. Run it with {@code deploy/load/webhook-load.sh}.
 */
public final class WebhookLoadGenerator {

    private static final Pattern EVENT_ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    private final URI target;
    private final String platformAdminKey;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final OpenLoop load;
    private int people;
    private final String twilioAccount = "AC" + UUID.randomUUID().toString().replace("-", "");
    private final String twilioToken = "load-" + UUID.randomUUID();
    private final SignedTelnyx telnyx = new SignedTelnyx();

    private WebhookLoadGenerator(URI target, String platformAdminKey) {
        this.target = target;
        this.platformAdminKey = platformAdminKey;
        this.load = new OpenLoop(target);
    }

    /** One request the run sends: where, what, and the event id its webhook must produce. */
    public static void main(String[] args) {
        OpenLoop.exit(() -> benchmark(args));
    }

    private static int benchmark(String[] args) throws Exception {
        Map<String, String> options = OpenLoop.options(args);
        URI target = URI.create(options.getOrDefault("target", "http://127.0.0.1:8081"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "5000"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
        String bootstrap = options.getOrDefault("bootstrap", "127.0.0.1:9092");
        long servicePid = Long.parseLong(options.getOrDefault("service-pid", "0"));
        if (!target.getHost().equals("127.0.0.1") && !target.getHost().equals("localhost")) {
            throw new IllegalArgumentException("load is only ever sent to this machine (127.0.0.1)");
        }

        WebhookLoadGenerator generator = new WebhookLoadGenerator(target, LoadCredentials.platformAdmin(options));
        generator.people = Integer.parseInt(options.getOrDefault("people", "0"));
        generator.registerAccounts();
        OpenLoop.RssWatch rss = new OpenLoop.RssWatch(servicePid);
        rss.start();

        // A freshly started JVM interprets its hot path for many seconds, and its first minute at full rate measures
        // the JIT, not the service: a quarter, then half, then the full rate (shown, but not the measured window).
        int warmUp = Integer.parseInt(options.getOrDefault("warmup-seconds", "20"));
        List<OpenLoop.Result> warmUps = List.of(
                generator.load.run(
                        "warm-up", Math.max(100, rate / 4), Math.max(1, warmUp * 2 / 5), generator::signedWebhook),
                generator.load.run(
                        "warm-up", Math.max(100, rate / 2), Math.max(1, warmUp * 2 / 5), generator::signedWebhook),
                generator.load.run("warm-up", rate, Math.max(1, warmUp / 5), generator::signedWebhook));
        OpenLoop.Result webhooks = generator.load.run("signed webhooks", rate, seconds, generator::signedWebhook);
        long peakRss = rss.finish();
        long exactlyOnce = generator.verifyExactlyOnce(bootstrap, webhooks.accepted());
        OpenLoop.Result bare = generator.load.run("bare 204 endpoint", rate, seconds, generator::bareRequest);

        List<OpenLoop.Result> phases = new ArrayList<>(warmUps);
        phases.addAll(List.of(webhooks, bare));
        OpenLoop.report(phases, List.of(webhooks, bare), 50);
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

    /** Alternately a Twilio and a Telnyx inbound SMS from a random valid number, correctly signed. */
    private OpenLoop.Planned signedWebhook(int index) {
        // --people=N: texts from N people over and over (their data keys exist after their first text, as for a
        // tenant's regular texters); without it every text is from someone new, the worst case for sealing
        String from = "+1212"
                + (people > 0
                        ? 2_000_000 + ThreadLocalRandom.current().nextInt(people)
                        : ThreadLocalRandom.current().nextInt(2_000_000, 10_000_000));
        return index % 2 == 0 ? twilioSms(from) : telnyxSms(from);
    }

    private OpenLoop.Planned twilioSms(String from) {
        return SignedTwilio.sms(target, twilioAccount, twilioToken, from, "+14155550199", "load test");
    }

    private OpenLoop.Planned telnyxSms(String from) {
        return telnyx.sms(from, "+14155550199", "load test");
    }

    private OpenLoop.Planned bareRequest(int index) {
        return new OpenLoop.Planned("/webhooks/benchmark/noop", Map.of(), Buffer.buffer("n=" + index), null);
    }

    private void registerAccounts() throws Exception {
        admin("PUT", "/v1/admin/provider-accounts/twilio/" + twilioAccount, "{\"tenantId\":\"load\"}");
        admin(
                "POST",
                "/v1/admin/provider-accounts/twilio/" + twilioAccount + "/credentials",
                "{\"secret\":\"" + twilioToken + "\"}");
        admin("PUT", "/v1/admin/provider-accounts/telnyx/" + telnyx.profile(), "{\"tenantId\":\"load\"}");
        admin(
                "POST",
                "/v1/admin/provider-accounts/telnyx/" + telnyx.profile() + "/credentials",
                "{\"secret\":\"" + telnyx.publicKey() + "\"}");
    }

    private void admin(String method, String path, String json) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(target + path))
                        .header("Authorization", "Bearer " + platformAdminKey)
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
        try (KafkaTestClient kafka = new KafkaTestClient(KafkaLogin.clientConfigFromEnvironment(bootstrap))) {
            kafka.readEach(Topics.TELEPHONY_SMS, record -> {
                Matcher id = EVENT_ID.matcher(record.value());
                if (id.find() && accepted.contains(id.group(1))) {
                    seen.merge(id.group(1), 1, Integer::sum);
                }
            });
        }
        return accepted.stream().filter(id -> seen.getOrDefault(id, 0) == 1).count();
    }
}
