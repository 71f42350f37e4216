package io.consentmesh.messaging.consumer;

import io.consentmesh.contracts.envelope.MalformedEventException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How every consumer of the mesh applies an event: a {@link MalformedEventException} fails at once (the channel's
 * failure strategy sends it to the dead-letter topic with its reason), and so does a value the database refuses as
 * data (SQLSTATE class 22: a NUL, a date or number out of range — {@link #poison}), which no retry would ever store;
 * any other failure, such as the database being down, is retried with exponential back-off until it succeeds,
 * holding the partition so that nothing is skipped or reordered. Every attempt runs on the consumer's Vert.x context,
 * which Hibernate Reactive requires.
 */
public final class UntilApplied {

    private static final System.Logger LOG = System.getLogger(UntilApplied.class.getName());
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private UntilApplied() {}

    /**
     * Whether a failure can never succeed by retrying: the event is malformed, or PostgreSQL refused one of its
     * values as data. (By the exception's SQLSTATE, read without a compile-time dependency on the PostgreSQL client:
     * not every user of this module has one.)
     */
    public static boolean poison(Throwable failure) {
        return failure instanceof MalformedEventException || refusedAsData(failure);
    }

    private static boolean refusedAsData(Throwable failure) {
        String state = sqlState(failure);
        return state != null && state.startsWith("22");
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getName().equals("io.vertx.pgclient.PgException")) {
                try {
                    return (String) cause.getClass().getMethod("getSqlState").invoke(cause);
                } catch (ReflectiveOperationException notThisVersion) {
                    return null;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    /** Call from the {@code @Incoming} method itself, so the current Vert.x context is the consumer's. */
    public static Uni<Void> apply(String what, Supplier<Uni<? extends Void>> attempt) {
        Context context = Vertx.currentContext();
        Uni<Void> once = Uni.createFrom()
                .<Void>deferred(attempt)
                .onFailure(UntilApplied::refusedAsData)
                .transform(refused -> new MalformedEventException(
                        "the database refuses a value of this event as data (SQLSTATE " + sqlState(refused) + ")"));
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
