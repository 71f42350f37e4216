package io.consentmesh.ingest.chaos;

import io.consentmesh.ingest.load.SignedPlivo;
import io.consentmesh.ingest.load.SignedTwilio;
import io.consentmesh.testkit.load.OpenLoop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mixed load the faults are injected under, at a fixed rate (open loop): signed inbound texts of the three
 * providers (ordinary texts, STOPs from opted-in people, HELPs), authorizations and data-subject requests. Each
 * webhook is retried as a provider retries one that was not answered 2xx (the same request, backing off up to about
 * 80 s), so a copy published again after a crash is what the mesh must de-duplicate. Remembers what was acknowledged,
 * which is what {@link MeshChecks} then looks for.
 */
final class MixedLoad implements AutoCloseable {

    /** What one request of the load is, for the counts. */
    enum Kind {
        TEXT,
        STOP,
        HELP,
        AUTHORIZATION,
        DSAR,
        RECORDING,
        CALL,
        CALL_RECORDING
    }

    private static final Pattern DECISION_ID = Pattern.compile("\"decisionId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    /** Seconds between a provider's attempts at one webhook: about 80 s in all before it gives up. */
    private static final int[] RETRY_SECONDS = {1, 2, 4, 8, 16, 16, 16, 16};

    private final ChaosTenant tenant;
    private final int rate;
    private final ExecutorService httpThreads = Executors.newFixedThreadPool(4);
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .executor(httpThreads)
            .build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger index = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private final Queue<String> stopPeople;

    /** Acknowledged: webhook event ids by kind, decision ids, DSAR request ids. */
    final Map<Kind, Set<String>> acknowledged = new EnumMap<>(Kind.class);
    /**
     * Acknowledged Twilio texts: the provider keeps their content, so each must also enter retention's inventory
     * (Telnyx and Plivo texts are not kept there).
     */
    final Set<String> keptByProvider = ConcurrentHashMap.newKeySet();
    /** STOP event id → the person who texted it (enforcement is checked per person). */
    final Map<String, String> stopSenders = new ConcurrentHashMap<>();

    final Map<Kind, AtomicLong> sent = new EnumMap<>(Kind.class);
    final AtomicLong attempts = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    /** Webhooks a provider would have given up on (never 2xx after every retry). */
    final AtomicLong gaveUp = new AtomicLong();
    /** Answers that are a refusal of a valid request (4xx other than 429): a defect, whatever the fault. */
    final Queue<String> refusals = new ConcurrentLinkedQueue<>();
    /** Authorizations and DSARs not answered (the caller asks again, as a new ask): counted, not a loss. */
    final AtomicLong unanswered = new AtomicLong();

    MixedLoad(ChaosTenant tenant, int rate) {
        this.tenant = tenant;
        this.rate = rate;
        this.stopPeople = new ConcurrentLinkedQueue<>(tenant.optedIn());
        for (Kind kind : Kind.values()) {
            acknowledged.put(kind, ConcurrentHashMap.newKeySet());
            sent.put(kind, new AtomicLong());
        }
    }

    void start() {
        timer.scheduleAtFixedRate(this::next, 0, 1_000_000L / rate, TimeUnit.MICROSECONDS);
    }

    /** Stops sending and waits (bounded) for every retry in flight to be answered or given up. */
    void finish(Duration drain) throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + drain.toNanos();
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        if (pending.get() > 0) {
            throw new IllegalStateException(pending.get() + " requests still unanswered after " + drain);
        }
    }

    /**
     * One request of the mix: of every 20, 8 ordinary texts, 2 STOPs, 1 HELP, 7 authorizations, 1 DSAR and 1 Twilio
     * call (its status callback, then its recording's); and every 100th, five recordings 91 days old reported to
     * retention (deleted through the deletion agent meanwhile).
     */
    private void next() {
        int i = index.getAndIncrement();
        try {
            if (i % 100 == 50) {
                recordings(i);
            }
            switch (i % 20) {
                case 3, 13 -> {
                    String person = stopPeople.poll();
                    if (person != null) {
                        stop(i, person);
                    } else {
                        text(i, randomPerson(), "see you at 5", Kind.TEXT);
                    }
                }
                case 7 -> text(i, randomPerson(), "HELP", Kind.HELP);
                case 1, 5, 9, 11, 15, 17, 19 -> authorization();
                case 10 -> dsar();
                case 0 -> call();
                default -> text(i, randomPerson(), "see you at 5", Kind.TEXT);
            }
        } catch (RuntimeException e) {
            refusals.add("could not plan request " + i + ": " + e);
        }
    }

    private void stop(int i, String person) {
        OpenLoop.Planned webhook = signed(i, person, "STOP");
        stopSenders.put(webhook.acceptedKey(), person);
        send(Kind.STOP, webhook, keptIfTwilio(i, webhook));
    }

    private void text(int i, String from, String body, Kind kind) {
        OpenLoop.Planned webhook = signed(i, from, body);
        send(kind, webhook, keptIfTwilio(i, webhook));
    }

    private Runnable keptIfTwilio(int i, OpenLoop.Planned webhook) {
        return i % 3 == 0 ? () -> keptByProvider.add(webhook.acceptedKey()) : () -> {};
    }

    /** A Twilio call in progress and, once that callback is answered, its completed recording. */
    private void call() {
        String callSid = "CA" + java.util.UUID.randomUUID().toString().replace("-", "");
        OpenLoop.Planned inProgress = SignedTwilio.callInProgress(
                tenant.ingest(),
                tenant.twilioAccount(),
                tenant.twilioToken(),
                callSid,
                randomPerson(),
                tenant.senderA());
        send(
                Kind.CALL,
                inProgress,
                () -> send(
                        Kind.CALL_RECORDING,
                        SignedTwilio.recordingCompleted(
                                tenant.ingest(), tenant.twilioAccount(), tenant.twilioToken(), callSid),
                        () -> {}));
    }

    /** Twilio, Telnyx and Plivo in turn, to the tenant's first sender. */
    private OpenLoop.Planned signed(int i, String from, String body) {
        return switch (i % 3) {
            case 0 ->
                SignedTwilio.sms(
                        tenant.ingest(), tenant.twilioAccount(), tenant.twilioToken(), from, tenant.senderA(), body);
            case 1 -> tenant.telnyx().sms(from, tenant.senderA(), body);
            default ->
                SignedPlivo.sms(
                        tenant.ingest(), tenant.plivoAuthId(), tenant.plivoToken(), from, tenant.senderA(), body);
        };
    }

    /** Sends a webhook until it is answered 2xx (as a provider retries), then runs {@code acknowledged}. */
    private void send(Kind kind, OpenLoop.Planned webhook, Runnable onAcknowledged) {
        sent.get(kind).incrementAndGet();
        pending.incrementAndGet();
        attempt(kind, webhook, onAcknowledged, 0);
    }

    private void attempt(Kind kind, OpenLoop.Planned webhook, Runnable onAcknowledged, int attempt) {
        attempts.incrementAndGet();
        HttpRequest.Builder request = HttpRequest.newBuilder(tenant.ingest().resolve(webhook.path()))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body().getBytes()));
        webhook.headers().forEach(request::header);
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            int status = response == null ? 0 : response.statusCode();
            if (status / 100 == 2) {
                acknowledged.get(kind).add(webhook.acceptedKey());
                onAcknowledged.run();
                pending.decrementAndGet();
            } else if (status / 100 == 4 && status != 429 && status != 408) {
                refusals.add(kind + " " + webhook.acceptedKey() + " answered " + status + ": " + response.body());
                pending.decrementAndGet();
            } else if (attempt + 1 < RETRY_SECONDS.length) {
                retries.incrementAndGet();
                // retries outlive the sending timer (stopped before the drain): a delayed task of their own
                CompletableFuture.delayedExecutor(RETRY_SECONDS[attempt], TimeUnit.SECONDS, httpThreads)
                        .execute(() -> attempt(kind, webhook, onAcknowledged, attempt + 1));
            } else {
                gaveUp.incrementAndGet();
                pending.decrementAndGet();
            }
        });
    }

    /** An SMS authorization from the tenant's second sender to someone, opted in or not. */
    private void authorization() {
        String to = ThreadLocalRandom.current().nextBoolean() ? tenant.anyOptedIn() : randomPerson();
        String sendAt = Instant.now()
                .truncatedTo(ChronoUnit.DAYS)
                .plus(1, ChronoUnit.DAYS)
                .plus(15, ChronoUnit.HOURS)
                .toString();
        String body =
                """
                {"tenantId":"%s","channel":"SMS","from":"%s","to":"%s","contentClass":"INFORMATIONAL","sendAt":"%s"}"""
                        .formatted(tenant.id(), tenant.senderB(), to, sendAt);
        call(Kind.AUTHORIZATION, tenant.consent().resolve("/v1/authorizations"), body, 200, DECISION_ID);
    }

    /** A deletion request from a web form (it waits for the person's code; opening it is the effect counted). */
    private void dsar() {
        String body =
                """
                {"tenantId":"%s","phoneNumber":"%s","type":"DELETION","source":"PERSON_WEB_FORM"}"""
                        .formatted(tenant.id(), randomPerson());
        call(Kind.DSAR, tenant.dsar().resolve("/v1/dsar/requests"), body, 201, ID);
    }

    private void call(Kind kind, URI uri, String body, int expected, Pattern id) {
        sent.get(kind).incrementAndGet();
        pending.incrementAndGet();
        attempts.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + tenant.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            try {
                int status = response == null ? 0 : response.statusCode();
                Matcher found = status == expected ? id.matcher(response.body()) : null;
                if (found != null && found.find()) {
                    acknowledged.get(kind).add(found.group(1));
                } else if (status / 100 == 4 && status != 429 && status != 408) {
                    refusals.add(kind + " answered " + status + ": " + response.body());
                } else {
                    unanswered.incrementAndGet(); // down, 503 or timed out: the caller asks again
                }
            } finally {
                pending.decrementAndGet();
            }
        });
    }

    private void recordings(int i) {
        pending.incrementAndGet();
        httpThreads.execute(() -> {
            try {
                String storedAt = Instant.now().minus(91, ChronoUnit.DAYS).toString();
                List<String> refs = new ArrayList<>();
                StringBuilder items = new StringBuilder();
                for (int k = 0; k < 5; k++) {
                    String ref = tenant.id() + "/RE" + i + "-" + k + ".wav";
                    HttpResponse<Void> stored = http.send(
                            HttpRequest.newBuilder(tenant.storage().resolve("/recordings/" + ref))
                                    .PUT(HttpRequest.BodyPublishers.ofString("RIFF chaos " + ref))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (stored.statusCode() / 100 != 2) {
                        throw new IllegalStateException("the object storage answered " + stored.statusCode());
                    }
                    refs.add(ref);
                    items.append(items.length() == 0 ? "" : ",")
                            .append(
                                    """
                                    {"category":"RECORDING","store":"object-storage","itemRef":"%s",                                    "address":"s3://recordings/%s","storedAt":"%s"}"""
                                            .formatted(ref, ref, storedAt));
                }
                sent.get(Kind.RECORDING).addAndGet(refs.size());
                attempts.incrementAndGet();
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(tenant.retention().resolve("/v1/retention/items"))
                                .timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + tenant.apiKey())
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"tenantId\":\"" + tenant.id() + "\",\"items\":[" + items + "]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    acknowledged.get(Kind.RECORDING).addAll(refs);
                } else if (status / 100 == 4 && status != 429 && status != 408) {
                    refusals.add("RECORDING answered " + status + ": " + response.body());
                } else {
                    unanswered.addAndGet(refs.size());
                }
            } catch (java.io.IOException e) {
                unanswered.addAndGet(5); // retention-service down: the store reports them again later
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                refusals.add("recordings " + i + ": " + e);
            } finally {
                pending.decrementAndGet();
            }
        });
    }

    private static String randomPerson() {
        return "+1646" + ThreadLocalRandom.current().nextInt(2_000_000, 10_000_000);
    }

    List<String> summary() {
        List<String> lines = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            lines.add("%-13s sent %6d  acknowledged %6d"
                    .formatted(
                            kind, sent.get(kind).get(), acknowledged.get(kind).size()));
        }
        lines.add("attempts %d, provider retries %d, webhooks given up %d, other requests unanswered %d, refused %d"
                .formatted(attempts.get(), retries.get(), gaveUp.get(), unanswered.get(), refusals.size()));
        return lines;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        httpThreads.shutdownNow();
    }
}
