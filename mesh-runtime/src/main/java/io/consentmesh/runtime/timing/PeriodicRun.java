package io.consentmesh.runtime.timing;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A piece of background work run every interval on a Vert.x timer and whenever {@link #wake()} is called, never twice
 * at once in this instance (a wake during a run is dropped: the running one, or the next tick, does the work). A failed
 * run is logged and simply tried again at the next tick. The work itself must be safe with several instances.
 */
public final class PeriodicRun {

    private static final Logger LOG = Logger.getLogger(PeriodicRun.class);

    private final Vertx vertx;
    private final String name;
    private final Duration interval;
    private final Supplier<Uni<?>> work;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    /** @param name what the work is, for the log, e.g. "the reply outbox" */
    public PeriodicRun(Vertx vertx, String name, Duration interval, Supplier<Uni<?>> work) {
        this.vertx = vertx;
        this.name = name;
        this.interval = interval;
        this.work = work;
    }

    public void start() {
        timer = vertx.setPeriodic(interval.toMillis(), id -> wake());
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    /** Runs the work now, unless a run is already under way. */
    public void wake() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        Uni.createFrom().deferred(work).subscribe().with(done -> running.set(false), failure -> {
            running.set(false);
            LOG.warnf("%s: the run failed (%s); tried again at the next interval", name, failure.toString());
        });
    }
}
