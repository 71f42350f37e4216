package io.consentmesh.dsar.load;

import io.consentmesh.testkit.load.LoadCredentials;
import io.consentmesh.testkit.load.OpenLoop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark of a person's copy (issue 16: an access bundle for a person with 1,000 evidence records and 20 recordings
 * assembled in under 10 s) through a running mesh: the person's consents imported into consent-service (1,000 evidence
 * records), their recordings put into the object storage and inventoried by retention-service, then an attested access
 * request. Measured: the assembly (from the request's COMPLETED step to its BUNDLE_READY step, both on its record),
 * the whole request (opened until the copy is ready) and the download; beside them, in the same run, the floor of
 * the stored files: reading the same recordings straight from the object storage. Talks only to 127.0.0.1.
 *
 * <pre>
 * deploy/load/bundle-benchmark.sh [--evidence=1000] [--recordings=20] [--recording-bytes=1048576]
 * </pre>
 */
public final class BundleBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final Pattern URL = Pattern.compile("\"url\":\"([^\"]+)\"");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> options;
    private final String key;
    private final String tenant;

    private BundleBenchmark(Map<String, String> options, String key, String tenant) {
        this.options = options;
        this.key = key;
        this.tenant = tenant;
    }

    public static void main(String[] args) {
        OpenLoop.exit(() -> {
            Map<String, String> options = OpenLoop.options(args);
            for (String service : List.of("dsar", "consent", "retention", "storage")) {
                if (!"127.0.0.1"
                        .equals(URI.create(options.getOrDefault(service, "http://127.0.0.1"))
                                .getHost())) {
                    throw new IllegalArgumentException("the benchmark only ever talks to this machine (127.0.0.1)");
                }
            }
            String tenant = "bundlebench-" + UUID.randomUUID().toString().substring(0, 8);
            String key = LoadCredentials.tenantKey(
                    URI.create(options.getOrDefault("consent", "http://127.0.0.1:8082")),
                    LoadCredentials.platformAdmin(options),
                    tenant);
            return new BundleBenchmark(options, key, tenant).run();
        });
    }

    private int run() throws Exception {
        int evidence = Integer.parseInt(options.getOrDefault("evidence", "1000"));
        int recordings = Integer.parseInt(options.getOrDefault("recordings", "20"));
        int recordingBytes = Integer.parseInt(options.getOrDefault("recording-bytes", "1048576"));
        String consent = options.getOrDefault("consent", "http://127.0.0.1:8082");
        String retention = options.getOrDefault("retention", "http://127.0.0.1:8083");
        String dsar = options.getOrDefault("dsar", "http://127.0.0.1:8084");
        String storage = options.getOrDefault("storage", "http://127.0.0.1:9000");
        String person = "+1212" + ThreadLocalRandom.current().nextInt(2_000_000, 10_000_000);
        System.out.printf(
                "[bundle] tenant %s: a person with %d evidence records and %d recordings of %d bytes%n",
                tenant, evidence, recordings, recordingBytes);

        // the person's consents, imported: one evidence record each
        StringBuilder rows = new StringBuilder("[");
        Instant now = Instant.now();
        for (int i = 0; i < evidence; i++) {
            rows.append(i == 0 ? "" : ",")
                    .append(
                            "{\"tenantId\":\"%s\",\"phoneNumber\":\"%s\",\"channel\":\"%s\",\"level\":\"EXPRESS_WRITTEN\",\"source\":\"WEB_FORM\",\"disclosureText\":\"Texts from Bench Co. Reply STOP to end.\",\"disclosureVersion\":\"v%d\",\"capturedAt\":\"%s\",\"ipAddress\":\"198.51.100.%d\",\"userAgent\":\"Mozilla/5.0 (bench)\"}"
                                    .formatted(
                                            tenant,
                                            person,
                                            i % 2 == 0 ? "SMS" : "VOICE",
                                            i,
                                            now.minusSeconds(evidence - i),
                                            i % 250));
        }
        HttpResponse<String> imported = send(
                "POST",
                consent + "/v1/consents/imports?tenantId=" + tenant,
                rows.append("]").toString());
        check(imported, 201, "the import");
        if (!imported.body().contains("\"recorded\":" + evidence + ",")) {
            throw new IllegalStateException("the import did not record every consent: "
                    + imported.body().substring(0, Math.min(600, imported.body().length())));
        }

        // the recordings, stored and inventoried under the person's number
        List<String> objects = new ArrayList<>();
        StringBuilder items = new StringBuilder("{\"tenantId\":\"" + tenant + "\",\"items\":[");
        Random random = new Random(7);
        for (int i = 0; i < recordings; i++) {
            byte[] audio = new byte[recordingBytes];
            random.nextBytes(audio);
            String object = tenant + "/call-" + i + ".wav";
            HttpResponse<String> put = http.send(
                    HttpRequest.newBuilder(URI.create(storage + "/recordings/" + object))
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(audio))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            check(put, 200, "storing a recording");
            objects.add(object);
            items.append(i == 0 ? "" : ",")
                    .append(
                            "{\"phoneNumber\":\"%s\",\"callId\":\"call-%d\",\"category\":\"RECORDING\",\"store\":\"object-storage\",\"itemRef\":\"%s\",\"address\":\"s3://recordings/%s\",\"storedAt\":\"%s\"}"
                                    .formatted(person, i, object, object, now));
        }
        check(send("POST", retention + "/v1/retention/items", items.append("]}").toString()), 200, "the inventory");

        // the floor: the same recordings read straight from the object storage
        long floorStart = System.nanoTime();
        long floorBytes = 0;
        for (String object : objects) {
            floorBytes += http.send(
                            HttpRequest.newBuilder(URI.create(storage + "/recordings/" + object))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray())
                    .body()
                    .length;
        }
        long floorMillis = (System.nanoTime() - floorStart) / 1_000_000;

        // the access request, attested: its copy
        long opened = System.nanoTime();
        HttpResponse<String> request = send(
                "POST",
                dsar + "/v1/dsar/requests",
                "{\"tenantId\":\"%s\",\"phoneNumber\":\"%s\",\"type\":\"ACCESS\",\"attestation\":{\"evidence\":\"benchmark\",\"assurance\":\"REASONABLY_HIGH\"}}"
                        .formatted(tenant, person));
        check(request, 201, "the access request");
        Matcher id = ID.matcher(request.body());
        id.find();
        String requestId = id.group(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        HttpResponse<String> bundle;
        do {
            Thread.sleep(50);
            bundle = send("GET", dsar + "/v1/dsar/requests/" + requestId + "/bundle", null);
        } while (bundle.statusCode() != 200 && System.nanoTime() < deadline);
        check(bundle, 200, "the copy");
        long ready = System.nanoTime();
        String record = send("GET", dsar + "/v1/dsar/requests/" + requestId + "/record", null)
                .body();
        long assemblyMillis = Duration.between(stepAt(record, "COMPLETED"), stepAt(record, "BUNDLE_READY"))
                .toMillis();

        Matcher link = URL.matcher(send("POST", dsar + "/v1/dsar/requests/" + requestId + "/bundle/links", "")
                .body());
        link.find();
        long downloadStart = System.nanoTime();
        byte[] zip = http.send(
                        HttpRequest.newBuilder(URI.create(link.group(1))).build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .body();
        long downloadMillis = (System.nanoTime() - downloadStart) / 1_000_000;
        int files = bundle.body().split("\"sha256\"").length - 1;

        System.out.printf("[bundle] copy: %d files, %d bytes zipped%n", files, zip.length);
        System.out.printf(
                "[bundle] assembly (COMPLETED -> BUNDLE_READY on the record): %d ms (target < 10000 ms)%n",
                assemblyMillis);
        System.out.printf(
                "[bundle] request opened -> copy ready: %d ms (fan-out to three services included)%n",
                (ready - opened) / 1_000_000);
        System.out.printf("[bundle] download through the link: %d ms%n", downloadMillis);
        System.out.printf(
                "[bundle] floor: the %d recordings (%d bytes) read straight from the object storage: %d ms;"
                        + " assembly / floor = %.1f%n",
                objects.size(), floorBytes, floorMillis, assemblyMillis / (double) Math.max(1, floorMillis));
        boolean everyRecord = bundle.body().contains("data/consent-service/consent-evidence.json")
                && send("GET", dsar + "/v1/dsar/requests/" + requestId, null)
                        .body()
                        .contains("\"category\":\"consent-evidence\",\"recordCount\":" + evidence);
        System.out.printf(
                "[bundle] consent-service answered with all %d evidence records: %s%n", evidence, everyRecord);
        return assemblyMillis < 10_000 && everyRecord && files >= recordings + 8 ? 0 : 1;
    }

    /** When the request's record says {@code kind} happened. */
    private static Instant stepAt(String record, String kind) {
        Matcher step = Pattern.compile("\"kind\":\"" + kind + "\".*?\"at\":\"([^\"]+)\"")
                .matcher(record);
        if (!step.find()) {
            throw new IllegalStateException("the request's record has no " + kind + " step: " + record);
        }
        return Instant.parse(step.group(1));
    }

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(60));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(
                request.method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void check(HttpResponse<?> response, int expected, String what) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
