package io.consentmesh.runtime.outbox;

import io.consentmesh.runtime.timing.PeriodicRun;
import io.micrometer.core.instrument.Counter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.jboss.logging.Logger;

/**
 * The relay half of a transactional outbox: rows written by the business transaction (usually by a trigger) are
 * locked a batch at a time ({@code FOR UPDATE ... SKIP LOCKED}, so several instances share the work), sent to Kafka,
 * and deleted only once the broker has acknowledged every record of the batch. If anything fails the transaction
 * rolls back and the batch is sent again later, so a record may be sent twice but never lost: every event sent from
 * an outbox must carry an id derived from its row, so that the repeat has one effect downstream.
 *
 * <p>A row that can never be sent — its event too large for the broker, or refused by its own contract while being
 * built — is set aside instead of blocking every row behind it: copied with its reason into the service's
 * {@code outbox_set_aside} table in the same transaction that deletes it from the outbox, logged, and counted
 * ({@code mesh_outbox_set_aside_total}, alert OutboxRowSetAside). Everything else (the broker unreachable, a timeout)
 * fails the batch, which is sent again.
 *
 * <p>Runs every {@code interval} on a Vert.x timer and whenever {@link #wake()} is called (e.g. right after a commit).
 */
public final class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /** Where a relay reads from and how it sends one row. */
    public record Spec(
            String name,
            /* selects at most {@code batch} rows, oldest first, locked with FOR UPDATE ... SKIP LOCKED; has a bigint "seq" */
            String selectLockedBatch,
            /* deletes the sent rows; its one parameter is the array of their seq values */
            String deleteSent,
            int batch,
            Duration interval,
            Function<Row, Uni<Void>> send,
            Counter published,
            Counter setAside) {}

    /** How often {@link #flush} looks again while another run still holds rows it waits for. */
    private static final Duration FLUSH_POLL = Duration.ofMillis(20);

    private final Pool database;
    private final Spec spec;
    private final PeriodicRun runs;
    /** When a run last left the outbox empty (of rows this instance could lock): see {@link #secondsBehind()}. */
    private volatile Instant caughtUpAt = Instant.now();

    public OutboxRelay(Pool database, Vertx vertx, Spec spec) {
        this.database = database;
        this.spec = spec;
        // a failed run leaves its rows in the outbox: they are sent again by the next one
        this.runs = new PeriodicRun(vertx, spec.name(), spec.interval(), this::drain);
    }

    public void start() {
        runs.start();
    }

    public void stop() {
        runs.stop();
    }

    /** Sends what the outbox holds now, unless a run is already doing so. */
    public void wake() {
        runs.wake();
    }

    /** Sends batches until the outbox is empty. @return how many rows were sent */
    public Uni<Long> drain() {
        return sendBatch().chain(count -> {
            if (count < spec.batch()) {
                caughtUpAt = Instant.now();
                return Uni.createFrom().item((long) count);
            }
            return drain().map(more -> more + count);
        });
    }

    /**
     * How long since a run last emptied the outbox: near zero while it keeps up; growing while the broker or the
     * database refuses, or rows arrive faster than they go (the outbox-age alert watches it).
     */
    public double secondsBehind() {
        return Duration.between(caughtUpAt, Instant.now()).toMillis() / 1000.0;
    }

    /**
     * Sends what the outbox holds and waits until every row committed before the call has been sent, also rows that a
     * concurrent run (this instance's timer or another instance) has locked and is still sending, which
     * {@link #drain()} skips: for a reader of the topic that must see everything written so far.
     *
     * @param table the outbox table, with its bigint {@code seq}
     */
    public Uni<Void> flush(String table) {
        return database.query("SELECT coalesce(max(seq), 0) FROM " + table)
                .execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .chain(upTo -> drain().chain(() -> sentUpTo(table, upTo)));
    }

    private Uni<Void> sentUpTo(String table, long upTo) {
        return database.preparedQuery("SELECT EXISTS (SELECT 1 FROM " + table + " WHERE seq <= $1)")
                .execute(Tuple.of(upTo))
                .chain(rows -> !rows.iterator().next().getBoolean(0)
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom()
                                .voidItem()
                                .onItem()
                                .delayIt()
                                .by(FLUSH_POLL)
                                .chain(this::drain)
                                .chain(() -> sentUpTo(table, upTo)));
    }

    private Uni<Integer> sendBatch() {
        return database.withTransaction(connection -> connection
                .preparedQuery(spec.selectLockedBatch())
                .execute()
                .chain(rows -> {
                    List<Long> sequence = new ArrayList<>();
                    List<Uni<Void>> sends = new ArrayList<>();
                    for (Row row : rows) {
                        sequence.add(row.getLong("seq"));
                        sends.add(sendOrSetAside(connection, row));
                    }
                    if (sends.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Uni.join()
                            .all(sends)
                            .andFailFast()
                            .chain(() -> delete(connection, sequence))
                            .invoke(() -> spec.published().increment(sequence.size()))
                            .replaceWith(sequence.size());
                }));
    }

    private Uni<Void> sendOrSetAside(SqlConnection connection, Row row) {
        return Uni.createFrom()
                .deferred(() -> spec.send().apply(row))
                .onFailure(OutboxRelay::poison)
                .recoverWithUni(failure -> {
                    String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
                    LOG.errorf(
                            "%s: row %d can never be sent and is set aside in outbox_set_aside (%s)",
                            spec.name(), row.getLong("seq"), reason);
                    spec.setAside().increment();
                    return connection
                            .preparedQuery("INSERT INTO outbox_set_aside (outbox, seq, reason, content)"
                                    + " VALUES ($1, $2, $3, $4::text::jsonb)")
                            .execute(Tuple.of(
                                    spec.name(),
                                    row.getLong("seq"),
                                    reason.length() > 2_000 ? reason.substring(0, 2_000) : reason,
                                    row.toJson().encode()))
                            .replaceWithVoid();
                });
    }

    /** A failure no retry can cure: the record is too large for the broker, or its event could not be built. */
    static boolean poison(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordTooLargeException
                    || cause instanceof RecordBatchTooLargeException
                    || cause instanceof SerializationException
                    || cause instanceof IllegalArgumentException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private Uni<Void> delete(SqlConnection connection, List<Long> sequence) {
        return connection
                .preparedQuery(spec.deleteSent())
                .execute(Tuple.of(sequence.toArray(Long[]::new)))
                .replaceWithVoid();
    }
}
