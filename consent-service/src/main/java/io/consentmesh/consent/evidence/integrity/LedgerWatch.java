package io.consentmesh.consent.evidence.integrity;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.runtime.sql.Timestamps;
import io.consentmesh.runtime.timing.PeriodicRun;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Verifies the whole ledger on a schedule (every hash chain and signed checkpoint, {@link LedgerVerifier}) and says
 * how it went in two gauges, so that a tampered or broken ledger raises an alert instead of waiting for an audit:
 * {@code mesh.consent.ledger.breaks} (broken links found by the last verification) and
 * {@code mesh.consent.ledger.verified.timestamp} (when a verification last completed, epoch seconds; a verification
 * that no longer completes is an alert too). {@code mesh.consent.ledger.verify-every} (PT1H; PT0S: never).
 *
 * <p>One verification per period for all replicas: each replica wakes every period, but only the one that takes the
 * lease (table {@code ledger_watch}: moves its {@code next_due_at} a period ahead) reads the whole ledger; it stores
 * the result there, and every replica reports the stored result. A replica that dies while verifying leaves the
 * lease to the next period.
 */
@ApplicationScoped
public class LedgerWatch {

    private static final Logger LOG = Logger.getLogger(LedgerWatch.class);

    private static final String REPLICA = UUID.randomUUID().toString();

    private final AtomicLong breaks = new AtomicLong();
    private final AtomicLong verifiedAt = new AtomicLong();
    private final LedgerIntegrity integrity;
    private final Pool database;
    private final PeriodicRun runs;
    private final Duration every;
    private final String replica;

    @Inject
    LedgerWatch(
            LedgerIntegrity integrity,
            Pool database,
            Vertx vertx,
            MeterRegistry metrics,
            @ConfigProperty(name = "mesh.consent.ledger.verify-every", defaultValue = "PT1H") Duration every) {
        this(integrity, database, vertx, metrics, every, REPLICA);
    }

    /** @param replica who takes the lease (a random id per process; tests play two replicas) */
    LedgerWatch(
            LedgerIntegrity integrity,
            Pool database,
            Vertx vertx,
            MeterRegistry metrics,
            Duration every,
            String replica) {
        this.integrity = integrity;
        this.database = database;
        this.every = every;
        this.replica = replica;
        this.runs = new PeriodicRun(
                vertx, "the ledger verification", every.isZero() ? Duration.ofDays(1) : every, () -> runOnce()
                        .replaceWithVoid());
        Gauge.builder("mesh.consent.ledger.breaks", breaks, AtomicLong::get)
                .description("Broken links the last scheduled ledger verification found (0: intact)")
                .register(metrics);
        Gauge.builder("mesh.consent.ledger.verified.timestamp", verifiedAt, AtomicLong::get)
                .description("When a scheduled ledger verification last completed, in seconds since the epoch")
                .register(metrics);
    }

    /**
     * One wake-up: verifies the ledger if this replica takes the period's lease, else reports the last stored result.
     *
     * @return whether this replica verified
     */
    Uni<Boolean> runOnce() {
        return database.preparedQuery(
                        """
                        UPDATE ledger_watch SET next_due_at = now() + make_interval(secs => $1), claimed_by = $2,
                                                claimed_at = now()
                        WHERE name = 'ledger' AND next_due_at <= now()
                        RETURNING name""")
                .execute(Tuple.of((double) every.toSeconds(), replica))
                .chain(claimed ->
                        claimed.rowCount() == 0 ? reportStored().replaceWith(false) : verify().replaceWith(true));
    }

    private Uni<Void> verify() {
        return integrity.verify(null).chain(report -> {
            if (!report.intact()) {
                LOG.errorf(
                        "the ledger verification found %d broken links; first: %s",
                        report.breaks().size(), report.breaks().get(0));
            }
            breaks.set(report.breaks().size());
            verifiedAt.set(report.verifiedAt().getEpochSecond());
            return database.preparedQuery("UPDATE ledger_watch SET breaks = $1, verified_at = $2 WHERE name = 'ledger'")
                    .execute(Tuple.of(report.breaks().size(), utc(report.verifiedAt())))
                    .replaceWithVoid();
        });
    }

    /** What the replica that verified last found (nothing yet: the gauges keep their values). */
    private Uni<Void> reportStored() {
        return database.query("SELECT breaks, verified_at FROM ledger_watch WHERE name = 'ledger'")
                .execute()
                .invoke(rows -> {
                    for (Row row : rows) {
                        Instant at = Timestamps.instant(row.getOffsetDateTime("verified_at"));
                        if (at != null) {
                            breaks.set(row.getInteger("breaks"));
                            verifiedAt.set(at.getEpochSecond());
                        }
                    }
                })
                .replaceWithVoid();
    }

    long reportedBreaks() {
        return breaks.get();
    }

    long reportedVerifiedAt() {
        return verifiedAt.get();
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
