package io.consentmesh.retention.deletion;

import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.retention.config.RetentionConfig;
import io.consentmesh.retention.holds.LegalHolds;
import io.consentmesh.retention.proof.RetentionLog;
import io.consentmesh.runtime.chain.EventLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sends a deletion (or quarantine) command for every item whose next action is due, and escalates items left
 * undeleted too long. Safe with several replicas: each sweep claims its items with {@code FOR UPDATE SKIP LOCKED}, so
 * an item is commanded by one of them; the command rows and the item's new state commit together, and the commands
 * reach the topic from the outbox ({@link DeletionPublisher}). An item without a receipt by its deadline is commanded
 * again (a new attempt, the wait doubling up to {@code max-backoff}). A held item is set aside (not read again by
 * later sweeps) until its hold is released; the holds are read under a share lock that placing a hold waits for.
 */
@ApplicationScoped
public class DeletionSweeper {

    private static final Logger LOG = Logger.getLogger(DeletionSweeper.class);
    private static final int ESCALATION_BATCH = 1000;

    private final Pool database;
    private final DeletionPublisher publisher;
    private final RetentionConfig config;
    private final Counter commanded;
    private final Counter retried;
    private final Counter held;
    private final Counter escalated;

    DeletionSweeper(Pool database, DeletionPublisher publisher, RetentionConfig config, MeterRegistry meters) {
        this.database = database;
        this.publisher = publisher;
        this.config = config;
        this.commanded = Counter.builder("mesh.retention.commands.issued")
                .description("Deletion and quarantine commands issued (first attempts and retries)")
                .register(meters);
        this.retried = Counter.builder("mesh.retention.commands.retried")
                .description("Commands issued again: no receipt in time, or the store failed")
                .register(meters);
        this.held = Counter.builder("mesh.retention.items.held.set.aside")
                .description("Due items a legal hold kept from deletion")
                .register(meters);
        this.escalated = Counter.builder("mesh.retention.items.escalated")
                .description("Items escalated for being undeleted past their due date and grace")
                .register(meters);
    }

    @Scheduled(
            every = "${mesh.retention.sweep-every:1s}",
            delayed = "${mesh.retention.sweep-delay:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledSweep() {
        return sweepUntilDone().replaceWithVoid().onFailure().recoverWithUni(failure -> {
            LOG.warnf("retention sweep failed (retried next time): %s", failure.toString());
            return Uni.createFrom().voidItem();
        });
    }

    /** Sweeps until nothing is due now, then escalates. @return how many commands were issued */
    public Uni<Long> sweepUntilDone() {
        return sweepOnce()
                .chain(issued -> issued < config.sweepBatch()
                        ? escalate().replaceWith((long) issued)
                        : sweepUntilDone().map(more -> issued + more));
    }

    /** One batch: at most {@code sweep-batch} due items claimed, commanded or set aside. @return commands issued */
    public Uni<Integer> sweepOnce() {
        return database.withTransaction(tx -> tx.query("LOCK TABLE legal_hold IN SHARE MODE")
                        .execute()
                        .chain(() -> tx.preparedQuery("SELECT i.id, i.tenant_id, i.subject_id, i.attempts,"
                                        + " i.pending_action, i.reason, "
                                        + LegalHolds.HELD + " AS held FROM inventory_item i"
                                        + " WHERE i.next_action_at <= now() ORDER BY i.next_action_at LIMIT $1"
                                        + " FOR UPDATE OF i SKIP LOCKED")
                                .execute(Tuple.of(config.sweepBatch())))
                        .chain(rows -> {
                            List<Row> setAside = new ArrayList<>();
                            List<Command> commands = new ArrayList<>();
                            for (Row row : rows) {
                                String action = row.getString("pending_action") == null
                                        ? "DELETE"
                                        : row.getString("pending_action");
                                // a hold keeps an item from deletion; a quarantine keeps it too, so it still goes
                                if (row.getBoolean("held") && !"QUARANTINE".equals(action)) {
                                    setAside.add(row);
                                } else {
                                    commands.add(command(row, action));
                                }
                            }
                            return setAside(tx, setAside)
                                    .chain(() -> issue(tx, commands))
                                    .replaceWith(commands.size());
                        }))
                .invoke(issued -> {
                    if (issued > 0) {
                        publisher.wake();
                    }
                });
    }

    private record Command(
            UUID item,
            String tenant,
            String subject,
            String commandId,
            String action,
            String reason,
            int attempt,
            double waitSeconds) {}

    private Command command(Row row, String action) {
        int attempt = row.getInteger("attempts") + 1;
        String reason = row.getString("reason") == null ? "RETENTION_PERIOD_ENDED" : row.getString("reason");
        UUID item = row.getUUID("id");
        return new Command(
                item,
                row.getString("tenant_id"),
                row.getString("subject_id"),
                EventIds.of("deletion-command", item.toString(), action, Integer.toString(attempt)),
                action,
                reason,
                attempt,
                receiptWait(attempt).toMillis() / 1000.0);
    }

    /** How long attempt {@code n} waits for its receipt before the next: the timeout, doubled per attempt, capped. */
    Duration receiptWait(int attempt) {
        Duration wait = config.receiptTimeout();
        for (int i = 1; i < attempt && wait.compareTo(config.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    private Uni<Void> setAside(SqlConnection tx, List<Row> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        held.increment(items.size());
        String at = java.time.Instant.now().toString();
        return tx.preparedQuery(
                        "UPDATE inventory_item SET held_since = now(), next_action_at = NULL WHERE id = ANY($1)")
                .execute(Tuple.of(items.stream().map(row -> row.getUUID("id")).toArray(UUID[]::new)))
                .chain(() -> RetentionLog.append(
                        tx,
                        items.stream()
                                .map(row -> RetentionLog.entry(
                                        row.getString("tenant_id"),
                                        row.getString("subject_id"),
                                        RetentionLog.Kind.HELD,
                                        row.getUUID("id"),
                                        row.getUUID("id") + "@" + at,
                                        RetentionLog.detail("heldAt", at)))
                                .toList()));
    }

    private Uni<Void> issue(SqlConnection tx, List<Command> commands) {
        if (commands.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] items = commands.stream().map(Command::item).toArray(UUID[]::new);
        String[] ids = commands.stream().map(Command::commandId).toArray(String[]::new);
        String[] actions = commands.stream().map(Command::action).toArray(String[]::new);
        String[] reasons = commands.stream().map(Command::reason).toArray(String[]::new);
        Integer[] attempts = commands.stream().map(Command::attempt).toArray(Integer[]::new);
        Double[] waits = commands.stream().map(Command::waitSeconds).toArray(Double[]::new);
        commanded.increment(commands.size());
        retried.increment(commands.stream().filter(c -> c.attempt() > 1).count());
        return tx.preparedQuery(
                        """
                        UPDATE inventory_item i SET status = 'COMMANDED', attempts = u.attempt,
                               pending_action = u.action, next_action_at = now() + make_interval(secs => u.wait)
                        FROM unnest($1::uuid[], $2::int[], $3::text[], $4::float8[]) AS u (id, attempt, action, wait)
                        WHERE i.id = u.id""")
                .execute(Tuple.of(items, attempts, actions, waits))
                .chain(() -> tx.preparedQuery(
                                """
                                INSERT INTO deletion_command (command_id, item_id, action, reason, attempt, issued_at)
                                SELECT c.*, now()
                                FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::int[])
                                     AS c (command_id, item_id, action, reason, attempt)
                                ON CONFLICT DO NOTHING""")
                        .execute(Tuple.of(ids, items, actions, reasons, attempts)))
                .chain(() -> tx.preparedQuery(
                                "INSERT INTO retention_outbox (command_id) SELECT unnest($1::text[]) ORDER BY 1")
                        .execute(Tuple.of(ids)))
                .chain(() -> RetentionLog.append(
                        tx,
                        commands.stream()
                                .map(c -> RetentionLog.entry(
                                        c.tenant(),
                                        c.subject(),
                                        RetentionLog.Kind.COMMANDED,
                                        c.item(),
                                        c.commandId(),
                                        RetentionLog.detail(
                                                "commandId", c.commandId(),
                                                "action", c.action(),
                                                "reason", c.reason(),
                                                "attempt", c.attempt())))
                                .toList()));
    }

    /**
     * Items still undeleted (and not held) {@code escalate-after} past their due date: each raised once, as an event
     * on {@code retention.escalation.v1} (from the outbox) and a counter; they keep being retried.
     */
    public Uni<Integer> escalate() {
        double graceSeconds = config.escalateAfter().toMillis() / 1000.0;
        return database.withTransaction(tx -> tx.preparedQuery(
                                """
                                WITH overdue AS (
                                    SELECT id FROM inventory_item
                                    WHERE settled_at IS NULL AND escalated_at IS NULL AND held_since IS NULL
                                      AND due_at < now() - make_interval(secs => $1)
                                    ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED),
                                marked AS (
                                    UPDATE inventory_item i SET escalated_at = now() FROM overdue o
                                    WHERE i.id = o.id RETURNING i.id, i.tenant_id, i.subject_id, i.due_at, i.attempts),
                                queued AS (INSERT INTO retention_outbox (escalated_item) SELECT id FROM marked)
                                SELECT * FROM marked""")
                        .execute(Tuple.of(graceSeconds, ESCALATION_BATCH))
                        .call(rows -> {
                            List<EventLog.Entry> entries = new ArrayList<>();
                            for (Row row : rows) {
                                entries.add(RetentionLog.entry(
                                        row.getString("tenant_id"),
                                        row.getString("subject_id"),
                                        RetentionLog.Kind.ESCALATED,
                                        row.getUUID("id"),
                                        row.getUUID("id").toString(),
                                        RetentionLog.detail(
                                                "dueAt",
                                                        row.getOffsetDateTime("due_at")
                                                                .toInstant()
                                                                .toString(),
                                                "attempts", row.getInteger("attempts"))));
                            }
                            return RetentionLog.append(tx, entries);
                        }))
                .map(rows -> {
                    if (rows.rowCount() > 0) {
                        escalated.increment(rows.rowCount());
                        LOG.warnf(
                                "%d item(s) escalated: still not deleted %s after their due date",
                                rows.rowCount(), config.escalateAfter());
                        publisher.wake();
                    }
                    return rows.rowCount();
                });
    }
}
