package io.consentmesh.ingest.chaos;

import java.util.Arrays;
import java.util.List;

/**
 * A fault a run injects: {@code kill:<component>} (SIGKILL, then started again as an orchestrator restarts a pod),
 * {@code broker} (the Kafka broker SIGKILLed, down a few seconds, started again), {@code postgres} (stopped with
 * {@code -m immediate}, down a few seconds, started again) or {@code redelivery} (consent-service stopped, its consumer
 * groups rewound to the run's first record, started again: everything read a second time).
 */
record Fault(String name) {

    static final String ALL = "kill:consent-service,kill:call-ingest-service,kill:retention-service,kill:dsar-service,"
            + "kill:deletion-agent,broker,postgres,redelivery";

    static List<Fault> parse(String list) {
        return Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .map(Fault::new)
                .toList();
    }

    Fault {
        boolean known = name.equals("broker")
                || name.equals("postgres")
                || name.equals("redelivery")
                || (name.startsWith("kill:")
                        && Mesh.local("", "", null).readiness().containsKey(name.substring(5)));
        if (!known) {
            throw new IllegalArgumentException("unknown fault " + name + " (known: " + ALL + ")");
        }
    }

    /** The component killed, for {@code kill:} faults. */
    String victim() {
        return name.startsWith("kill:") ? name.substring(5) : name.equals("redelivery") ? "consent-service" : null;
    }

    /** Whether the fault lets the harness start a process again; after the others, every service must recover alone. */
    boolean restarts() {
        return victim() != null;
    }
}
