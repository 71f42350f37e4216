package io.consentmesh.ingest.chaos;

import io.consentmesh.testkit.load.LoadCredentials;
import io.consentmesh.testkit.load.OpenLoop;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fault-injection harness (issue 20): runs the local mesh under a mixed load ({@link MixedLoad}) and, while it
 * runs, injects each fault in turn ({@link FaultInjector}): every service and the deletion agent SIGKILLed and started
 * again, the broker killed, PostgreSQL stopped immediately, consent-service's groups rewound to the run's start. After
 * the load it checks from the topics and the database that nothing acknowledged was lost and nothing took effect
 * twice ({@link MeshChecks}), prints the counts and exits 0 only if all is sound. Talks only to 127.0.0.1 and stops by
 * itself. Run it with {@code deploy/chaos/run.sh}.
 */
public final class FaultRun {

    private FaultRun() {}

    public static void main(String[] args) {
        OpenLoop.exit(() -> run(args));
    }

    private static int run(String[] args) throws Exception {
        Map<String, String> options = OpenLoop.options(args);
        int rate = Integer.parseInt(options.getOrDefault("rate", "40"));
        Duration settle = Duration.ofSeconds(Long.parseLong(options.getOrDefault("settle-seconds", "20")));
        int people = Integer.parseInt(options.getOrDefault("people", "300"));
        List<Fault> faults = Fault.parse(options.getOrDefault("faults", Fault.ALL));
        String kafkaAdminPassword = options.get("kafka-admin-password");
        if (kafkaAdminPassword == null || kafkaAdminPassword.isBlank()) {
            throw new IllegalArgumentException(
                    "--kafka-admin-password is required (KAFKA_ADMIN_PASSWORD in secrets.env)");
        }
        Mesh mesh = Mesh.local(
                LoadCredentials.platformAdmin(options),
                kafkaAdminPassword,
                Path.of(options.getOrDefault("inject", "deploy/chaos/inject.sh")));

        ChaosTenant tenant = ChaosTenant.create(mesh, people);
        Instant started = Instant.now();
        System.out.printf(
                "[chaos] tenant %s, %d requests/s of mixed load, %d opted-in people; faults: %s%n",
                tenant.id(), rate, people, faults.stream().map(Fault::name).toList());
        FaultInjector injector = new FaultInjector(mesh, started);
        List<FaultInjector.Outcome> outcomes = new ArrayList<>();
        MeshChecks checks;
        try (MixedLoad load = new MixedLoad(tenant, rate)) {
            load.start();
            Thread.sleep(settle.toMillis());
            for (Fault fault : faults) {
                System.out.printf("[chaos] %s: injecting%n", fault.name());
                FaultInjector.Outcome outcome = injector.inject(fault);
                outcomes.add(outcome);
                System.out.printf(
                        "[chaos] %s: every component ready %.1f s after it began%s%n",
                        fault.name(),
                        outcome.readyAfterMillis() / 1000.0,
                        outcome.problems().isEmpty() ? "" : "; " + outcome.problems());
                Thread.sleep(settle.toMillis()); // the load goes on; the next fault comes once this one has settled
            }
            load.finish(Duration.ofSeconds(120));
            System.out.printf(
                    "[chaos] load stopped after %d s; checking%n",
                    Duration.between(started, Instant.now()).toSeconds());
            load.summary().forEach(line -> System.out.println("[chaos] " + line));
            checks = new MeshChecks(mesh, tenant, load);
            checks.run();
        }
        return report(outcomes, checks) ? 0 : 1;
    }

    private static boolean report(List<FaultInjector.Outcome> outcomes, MeshChecks checks) {
        System.out.printf("%n%-30s %14s %s%n", "FAULT", "READY AFTER", "RESTARTED BY THE HARNESS");
        boolean sound = true;
        for (var outcome : outcomes) {
            System.out.printf(
                    "%-30s %12.1f s %s%n",
                    outcome.fault().name(),
                    outcome.readyAfterMillis() / 1000.0,
                    outcome.restartedByHarness().isEmpty() ? "none" : String.join(", ", outcome.restartedByHarness()));
            for (String problem : outcome.problems()) {
                System.out.println("    PROBLEM: " + problem);
                sound = false;
            }
        }
        System.out.printf("%n%-48s %9s %9s %6s %7s %8s%n", "CHECK", "EXPECTED", "FOUND", "LOST", "COPIES", "DOUBLED");
        for (var line : checks.lines) {
            System.out.printf(
                    "%-48s %9s %9d %6d %7d %8d%s%n",
                    line.what(),
                    line.expected() < 0 ? "-" : String.valueOf(line.expected()),
                    line.found(),
                    line.lost(),
                    line.copies(),
                    line.doubled(),
                    line.sound() ? "" : "   <-- FAILED");
        }
        checks.problems.forEach(problem -> System.out.println("PROBLEM: " + problem));
        long lost = checks.lines.stream().mapToLong(MeshChecks.Line::lost).sum();
        long doubled = checks.lines.stream().mapToLong(MeshChecks.Line::doubled).sum();
        long copies = checks.lines.stream().mapToLong(MeshChecks.Line::copies).sum();
        sound &= checks.passed();
        System.out.printf(
                "%n[chaos] %s: %d faults, lost %d, effects doubled %d, copies on topics %d (same event id, de-duplicated)%n",
                sound ? "PASSED" : "FAILED", outcomes.size(), lost, doubled, copies);
        return sound;
    }
}
