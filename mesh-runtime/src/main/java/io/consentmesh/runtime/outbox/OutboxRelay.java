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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The relay half of a transactional outbox: rows written by the business transaction (usually by a trigger) are
 * locked a batch at a time ({@code FOR UPDATE ... SKIP LOCKED}, so several instances share the work), sent to Kafka,
 * and deleted only once the broker has acknowledged every record of the batch. If anything fails the transaction
 * rolls back and the batch is sent again later, so a record may be sent twice but never lost: every event sent from
 * an outbox must carry an id derived from its row, so that the repeat has one effect downstream.
 *
 * <p>Runs every {@code interval} on a Vert.x timer and whenever {@link #wake()} is called (e.g. right after a commit).
 */
public final class OutboxRelay {

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
            Counter published) {}

    /** How often {@link #flush} looks again while another run still holds rows it waits for. */
    private static final Duration FLUSH_POLL = Duration.ofMillis(20);

    private final Pool database;
    private final Spec spec;
    private final PeriodicRun runs;

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
        return sendBatch()
                .chain(count ->
                        count < spec.batch() ? Uni.createFrom().item((long) count) : drain().map(more -> more + count));
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
                        sends.add(spec.send().apply(row));
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

    private Uni<Void> delete(SqlConnection connection, List<Long> sequence) {
        return connection
                .preparedQuery(spec.deleteSent())
                .execute(Tuple.of(sequence.toArray(Long[]::new)))
                .replaceWithVoid();
    }
}
