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
     * A batch applied in one transaction: retried like {@link #apply}, but a batch the database refuses as data is
     * applied again by {@code oneByOne}, one event at a time (each through {@link #apply}, dead-lettering or skipping
     * the ones refused), so that one poison event never holds the others.
     */
    public static Uni<Void> applyBatch(String what, Supplier<Uni<? extends Void>> whole, Supplier<Uni<Void>> oneByOne) {
        return apply(what, whole).onFailure(MalformedEventException.class).recoverWithUni(poison -> {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "{0} holds a value the database refuses; applying it one event at a time: {1}",
                    what,
                    poison.getMessage());
            return oneByOne.get();
        });
    }

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
