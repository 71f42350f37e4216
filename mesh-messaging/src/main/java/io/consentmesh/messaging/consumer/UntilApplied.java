package io.consentmesh.messaging.consumer;

import io.consentmesh.contracts.envelope.MalformedEventException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How every consumer of the mesh applies an event: a {@link MalformedEventException} fails at once (the channel's
 * failure strategy sends it to the dead-letter topic with its reason); any other failure, such as the database being
 * down, is retried with exponential back-off until it succeeds, holding the partition so that nothing is skipped or
 * reordered. Every attempt runs on the consumer's Vert.x context, which Hibernate Reactive requires.
 */
public final class UntilApplied {

    private static final System.Logger LOG = System.getLogger(UntilApplied.class.getName());
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private UntilApplied() {}

    /** Call from the {@code @Incoming} method itself, so the current Vert.x context is the consumer's. */
    public static Uni<Void> apply(String what, Supplier<Uni<? extends Void>> attempt) {
        Context context = Vertx.currentContext();
        Uni<Void> once = Uni.createFrom().<Void>deferred(attempt);
        if (context != null) {
            once = once.runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
        }
        return once.onFailure(failure -> !(failure instanceof MalformedEventException))
                .invoke(failure ->
                        LOG.log(System.Logger.Level.WARNING, "applying {0} failed, will retry: {1}", what, failure))
                .onFailure(failure -> !(failure instanceof MalformedEventException))
                .retry()
                .withBackOff(FIRST_BACKOFF, MAX_BACKOFF)
                .indefinitely();
    }
}
