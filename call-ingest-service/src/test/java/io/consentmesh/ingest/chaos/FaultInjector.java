package io.consentmesh.ingest.chaos;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Injects the faults through {@code deploy/chaos/inject.sh} (which knows the local mesh's processes) and measures how
 * the mesh comes back: how long until every component is ready, and which processes are new. A process the harness
 * did not start again must keep its pid: a service that died of a broker or database outage and was started again by
 * anyone does not count as recovered.
 */
final class FaultInjector {

    /** What one fault did. */
    record Outcome(
            Fault fault, Instant at, long readyAfterMillis, List<String> restartedByHarness, List<String> problems) {}

    /** consent-service's groups that read the telephony topics (what a redelivery storm rewinds). */
    private static final List<String> REWOUND_GROUPS =
            List.of("consent-service", "consent-service-interactions", "consent-service-disclosure");

    private static final List<String> REWOUND_TOPICS = List.of("telephony.sms.v1", "telephony.call.v1");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration OUTAGE = Duration.ofSeconds(5);

    private final Mesh mesh;
    private final Instant runStarted;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    FaultInjector(Mesh mesh, Instant runStarted) {
        this.mesh = mesh;
        this.runStarted = runStarted;
    }

    Outcome inject(Fault fault) throws Exception {
        Map<String, String> before = pids();
        Instant at = Instant.now();
        List<String> problems = new ArrayList<>();
        long started = System.nanoTime();
        switch (fault.name()) {
            case "broker" -> {
                script("kill", "kafka");
                Thread.sleep(OUTAGE.toMillis());
                script("start");
            }
            case "postgres" -> script("postgres-crash", String.valueOf(OUTAGE.toSeconds()));
            case "redelivery" -> {
                script("kill", fault.victim());
                rewind(problems);
                script("start");
            }
            default -> {
                script("kill", fault.victim());
                script("start");
            }
        }
        long ready = awaitReady(problems);
        long readyAfter = ready < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(ready - started);
        Map<String, String> after = pids();
        List<String> restarted = new ArrayList<>();
        for (var component : mesh.readiness().keySet()) {
            boolean changed = !before.getOrDefault(component, "-").equals(after.getOrDefault(component, "-"));
            if (changed && component.equals(fault.victim())) {
                restarted.add(component);
            } else if (changed) {
                problems.add(component + " was started again (pid " + before.get(component) + " → "
                        + after.get(component) + "): it did not survive the fault by itself");
            } else if (component.equals(fault.victim())) {
                problems.add(component + " was not killed");
            }
        }
        return new Outcome(fault, at, readyAfter, restarted, problems);
    }

    /** @return System.nanoTime() when every component answered ready, or -1 (a problem noted) */
    private long awaitReady(List<String> problems) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Map<String, Boolean> ready = new HashMap<>();
        while (System.nanoTime() < deadline) {
            for (var component : mesh.readiness().entrySet()) {
                if (!ready.getOrDefault(component.getKey(), false)) {
                    ready.put(component.getKey(), isReady(component.getValue()));
                }
            }
            if (ready.values().stream().allMatch(b -> b)
                    && ready.size() == mesh.readiness().size()) {
                return System.nanoTime();
            }
            Thread.sleep(250);
        }
        ready.forEach((component, isReady) -> {
            if (!isReady) {
                problems.add(component + " not ready " + READY_TIMEOUT.toSeconds() + " s after the fault");
            }
        });
        return -1;
    }

    private boolean isReady(java.net.URI health) {
        try {
            return http.send(
                                    HttpRequest.newBuilder(health)
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Rewinds consent-service's groups on the telephony topics to the first offset written since the run began,
     * once the killed member has left (a group with members cannot be rewound; the session times out in 10 s).
     */
    private void rewind(List<String> problems) throws Exception {
        try (Admin admin = Admin.create(mesh.kafkaConfig())) {
            Map<TopicPartition, OffsetSpec> since = new HashMap<>();
            for (var topic : admin.describeTopics(REWOUND_TOPICS)
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .values()) {
                topic.partitions()
                        .forEach(p -> since.put(
                                new TopicPartition(topic.name(), p.partition()),
                                OffsetSpec.forTimestamp(runStarted.toEpochMilli())));
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
                    admin.listOffsets(since).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> rewound = new LinkedHashMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset.offset() >= 0) { // -1: nothing written to it since the run began
                    rewound.put(partition, new OffsetAndMetadata(offset.offset()));
                }
            });
            for (String group : REWOUND_GROUPS) {
                long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
                while (true) {
                    try {
                        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                                .partitionsToOffsetAndMetadata()
                                .get(30, TimeUnit.SECONDS);
                        Map<TopicPartition, OffsetAndMetadata> ours = new LinkedHashMap<>(rewound);
                        ours.keySet().retainAll(committed.keySet()); // only what the group reads
                        admin.alterConsumerGroupOffsets(group, ours).all().get(30, TimeUnit.SECONDS);
                        System.out.printf(
                                "[chaos] redelivery: group %s rewound on %d partitions%n", group, ours.size());
                        break;
                    } catch (ExecutionException notEmptyYet) {
                        if (System.nanoTime() > deadline) {
                            problems.add("could not rewind " + group + ": " + notEmptyYet.getCause());
                            break;
                        }
                        Thread.sleep(1_000); // the killed member has not timed out yet
                    }
                }
            }
        } catch (TimeoutException e) {
            problems.add("the broker did not answer the rewind: " + e);
        }
    }

    /** component → pid (or "-" when it is not running). */
    private Map<String, String> pids() throws Exception {
        Map<String, String> pids = new HashMap<>();
        for (String line : script("pids").split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2) {
                pids.put(parts[0], parts[1]);
            }
        }
        return pids;
    }

    private String script(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(mesh.inject().toString());
        command.addAll(List.of(args));
        // to a file, not a pipe: the processes the script starts outlive it and would hold a pipe open
        java.nio.file.Path log = java.nio.file.Files.createTempFile("chaos-inject", ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean done = process.waitFor(300, TimeUnit.SECONDS);
            String output = java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
            if (!done || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } finally {
            java.nio.file.Files.deleteIfExists(log);
        }
    }
}
