package io.consentmesh.consent.evidence.integrity;

import io.consentmesh.runtime.timing.PeriodicRun;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Verifies the whole ledger on a schedule (every hash chain and signed checkpoint, {@link LedgerVerifier}) and says
 * how it went in two gauges, so that a tampered or broken ledger raises an alert instead of waiting for an audit:
 * {@code mesh.consent.ledger.breaks} (broken links found by the last verification) and
 * {@code mesh.consent.ledger.verified.timestamp} (when a verification last completed, epoch seconds; a verification
 * that no longer completes is an alert too). {@code mesh.consent.ledger.verify-every} (PT1H; PT0S: never).
 */
@ApplicationScoped
public class LedgerWatch {

    private static final Logger LOG = Logger.getLogger(LedgerWatch.class);

    private final AtomicLong breaks = new AtomicLong();
    private final AtomicLong verifiedAt = new AtomicLong();
    private final PeriodicRun runs;
    private final Duration every;

    LedgerWatch(
            LedgerIntegrity integrity,
            Vertx vertx,
            MeterRegistry metrics,
            @ConfigProperty(name = "mesh.consent.ledger.verify-every", defaultValue = "PT1H") Duration every) {
        this.every = every;
        this.runs = new PeriodicRun(
                vertx, "the ledger verification", every.isZero() ? Duration.ofDays(1) : every, () -> integrity
                        .verify(null)
                        .invoke(report -> {
                            breaks.set(report.breaks().size());
                            verifiedAt.set(report.verifiedAt().getEpochSecond());
                            if (!report.intact()) {
                                LOG.errorf(
                                        "the ledger verification found %d broken links; first: %s",
                                        report.breaks().size(), report.breaks().get(0));
                            }
                        }));
        Gauge.builder("mesh.consent.ledger.breaks", breaks, AtomicLong::get)
                .description("Broken links the last scheduled ledger verification found (0: intact)")
                .register(metrics);
        Gauge.builder("mesh.consent.ledger.verified.timestamp", verifiedAt, AtomicLong::get)
                .description("When a scheduled ledger verification last completed, in seconds since the epoch")
                .register(metrics);
    }

    void start(@Observes StartupEvent started) {
        if (!every.isZero()) {
            runs.start();
            runs.wake(); // a first verdict at start, not an hour later
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        runs.stop();
    }
}
