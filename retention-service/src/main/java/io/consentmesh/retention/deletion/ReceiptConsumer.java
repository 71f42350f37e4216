package io.consentmesh.retention.deletion;

import static io.consentmesh.runtime.sql.Timestamps.instant;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.contracts.retention.DeletionAction;
import io.consentmesh.contracts.retention.DeletionOutcome;
import io.consentmesh.contracts.retention.DeletionReceipted;
import io.consentmesh.messaging.consumer.DeadLetters;
import io.consentmesh.messaging.consumer.UntilApplied;
import io.consentmesh.retention.config.RetentionConfig;
import io.consentmesh.retention.proof.DisposalCertificates;
import io.consentmesh.retention.proof.RetentionLog;
import io.consentmesh.retention.proof.SettledItem;
import io.consentmesh.runtime.chain.EventLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code retention.deletion-receipt.v1} in batches, one transaction per batch. A receipt settles its item
 * (DELETED, ALREADY_GONE), or moves a quarantined one on to its deletion, or (FAILED) brings its next attempt forward
 * to the failure back-off (or the store's Retry-After). A command answers once: a second receipt for it has no effect,
 * and a late receipt of an older attempt still settles the item (a late success is a success) but never reschedules
 * it. A receipt for a command this service never sent, or that contradicts it (another item, store or action), is
 * dead-lettered with its reason.
 */
@ApplicationScoped
public class ReceiptConsumer {

    private final Pool database;
    private final DeadLetters deadLetters;
    private final RetentionConfig config;
    private final Counter settled;
    private final Counter failed;
    private final Counter duplicates;
    private final DisposalCertificates certificates;

    ReceiptConsumer(
            Pool database,
            RetentionConfig config,
            MeterRegistry meters,
            DisposalCertificates certificates,
            @Channel("dead-letters") MutinyEmitter<String> deadLetters) {
        this.database = database;
        this.certificates = certificates;
        this.config = config;
        this.deadLetters = new DeadLetters(deadLetters, Topics.RETENTION_DELETION_RECEIPT);
        this.settled = Counter.builder("mesh.retention.receipts")
                .tag("result", "settled")
                .description("Receipts applied, by what they did")
                .register(meters);
        this.failed = Counter.builder("mesh.retention.receipts")
                .tag("result", "failed")
                .register(meters);
        this.duplicates = Counter.builder("mesh.retention.receipts")
                .tag("result", "duplicate")
                .register(meters);
    }

    private record Receipt(KafkaRecord<String, String> record, DeletionReceipted data) {}

    private record Sent(UUID item, String action, String store, String tenant, String subject, int attempt) {}

    @Incoming("deletion-receipts")
    public Uni<Void> onBatch(KafkaRecordBatch<String, String> batch) {
        Map<String, Receipt> byCommand = new LinkedHashMap<>(); // a copy of a receipt in the same batch: one effect
        List<Uni<Void>> poison = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch) {
            try {
                EventEnvelope<DeletionReceipted> event =
                        EventCodec.decode(record.getPayload(), DeletionReceipted.class);
                if (byCommand.putIfAbsent(event.data().commandId(), new Receipt(record, event.data())) != null) {
                    duplicates.increment();
                }
            } catch (MalformedEventException malformed) {
                poison.add(deadLetter(record, malformed));
            }
        }
        AtomicReference<Map<String, Sent>> commands = new AtomicReference<>();
        return UntilApplied.apply(
                        "reading the commands of a batch of receipts",
                        () -> sent(byCommand.keySet()).invoke(commands::set).replaceWithVoid())
                .chain(() -> {
                    Map<String, Sent> sent = commands.get();
                    List<Receipt> valid = new ArrayList<>();
                    for (Receipt receipt : byCommand.values()) {
                        String problem = contradiction(
                                receipt.data(), sent.get(receipt.data().commandId()));
                        if (problem == null) {
                            valid.add(receipt);
                        } else {
                            poison.add(deadLetter(receipt.record(), new MalformedEventException(problem)));
                        }
                    }
                    Uni<Void> deadLettered = poison.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : Uni.join().all(poison).andFailFast().replaceWithVoid();
                    // a batch the database refuses as data is applied receipt by receipt, the refused one
                    // dead-lettered
                    return deadLettered.chain(() -> UntilApplied.applyBatch(
                            "a batch of deletion receipts",
                            () -> database.withTransaction(tx -> apply(tx, valid, sent)),
                            () -> oneByOne(valid, sent)));
                })
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    private Uni<Map<String, Sent>> sent(java.util.Set<String> commandIds) {
        if (commandIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return database.preparedQuery(
                        """
                        SELECT c.command_id, c.item_id, c.action, c.attempt, i.store, i.tenant_id, i.subject_id
                        FROM deletion_command c JOIN inventory_item i ON i.id = c.item_id
                        WHERE c.command_id = ANY($1)""")
                .execute(Tuple.of(commandIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Sent> sent = new HashMap<>();
                    for (Row row : rows) {
                        sent.put(
                                row.getString("command_id"),
                                new Sent(
                                        row.getUUID("item_id"),
                                        row.getString("action"),
                                        row.getString("store"),
                                        row.getString("tenant_id"),
                                        row.getString("subject_id"),
                                        row.getInteger("attempt")));
                    }
                    return sent;
                });
    }

    /** Why this receipt cannot be for that command, or null when it can. */
    private static String contradiction(DeletionReceipted receipt, Sent sent) {
        if (sent == null) {
            return "no deletion command " + receipt.commandId() + " was sent by retention-service";
        }
        if (!sent.item().toString().equals(receipt.itemId()) || !sent.store().equals(receipt.store())) {
            return "the receipt names another item or store than command " + receipt.commandId();
        }
        if (!sent.action().equals(receipt.action().name())) {
            return "the receipt answers a " + receipt.action() + " but command " + receipt.commandId() + " was a "
                    + sent.action();
        }
        if (receipt.outcome() == DeletionOutcome.QUARANTINED && receipt.action() != DeletionAction.QUARANTINE) {
            return "QUARANTINED answers only a QUARANTINE command";
        }
        return null;
    }

    private Uni<Void> apply(SqlConnection tx, List<Receipt> receipts, Map<String, Sent> sent) {
        if (receipts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(
                        """
                        UPDATE deletion_command c
                        SET outcome = r.outcome, detail = r.detail, agent = r.agent, receipted_at = now()
                        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS r (command_id, outcome, detail, agent)
                        WHERE c.command_id = r.command_id AND c.receipted_at IS NULL
                        RETURNING c.command_id""")
                .execute(Tuple.of(
                        receipts.stream().map(r -> r.data().commandId()).toArray(String[]::new),
                        receipts.stream().map(r -> r.data().outcome().name()).toArray(String[]::new),
                        receipts.stream().map(r -> truncated(r.data().detail())).toArray(String[]::new),
                        receipts.stream().map(r -> r.data().agent()).toArray(String[]::new)))
                .chain(rows -> {
                    java.util.Set<String> first = new java.util.HashSet<>();
                    rows.forEach(row -> first.add(row.getString("command_id")));
                    duplicates.increment(receipts.size() - first.size());
                    List<Receipt> fresh = receipts.stream()
                            .filter(r -> first.contains(r.data().commandId()))
                            .toList();
                    return RetentionLog.append(
                                    tx, fresh.stream().map(r -> logged(r, sent)).toList())
                            .chain(() -> settle(tx, fresh, sent))
                            .chain(() -> quarantined(tx, fresh, sent))
                            .chain(() -> retry(tx, fresh, sent));
                });
    }

    private static EventLog.Entry logged(Receipt receipt, Map<String, Sent> sent) {
        DeletionReceipted data = receipt.data();
        Sent command = sent.get(data.commandId());
        return RetentionLog.entry(
                command.tenant(),
                command.subject(),
                RetentionLog.Kind.RECEIPTED,
                command.item(),
                data.commandId(),
                RetentionLog.detail(
                        "commandId", data.commandId(),
                        "action", data.action().name(),
                        "outcome", data.outcome().name(),
                        "detail", truncated(data.detail()),
                        "agent", data.agent(),
                        "completedAt", data.completedAt().toString()));
    }

    /** DELETED and ALREADY_GONE: the item is gone, whichever attempt says so; it gets its disposal certificate. */
    private Uni<Void> settle(SqlConnection tx, List<Receipt> fresh, Map<String, Sent> sent) {
        Map<UUID, Receipt> done = new LinkedHashMap<>();
        fresh.stream()
                .filter(r -> r.data().outcome() == DeletionOutcome.DELETED
                        || r.data().outcome() == DeletionOutcome.ALREADY_GONE)
                .forEach(r -> done.putIfAbsent(sent.get(r.data().commandId()).item(), r));
        if (done.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        settled.increment(done.size());
        return tx.preparedQuery(
                        """
                        UPDATE inventory_item i
                        SET status = r.outcome, outcome = r.outcome, settled_at = now(), next_action_at = NULL,
                            held_since = NULL
                        FROM unnest($1::uuid[], $2::text[]) AS r (id, outcome)
                        WHERE i.id = r.id AND i.settled_at IS NULL
                        RETURNING i.id, i.tenant_id, i.subject_id, i.category, i.store, i.storage_uri, i.item_ref,
                                  i.stored_at, i.due_at, i.reason, i.settled_at""")
                .execute(Tuple.of(
                        done.keySet().toArray(UUID[]::new),
                        done.values().stream()
                                .map(r -> r.data().outcome().name())
                                .toArray(String[]::new)))
                .chain(rows -> {
                    List<SettledItem> items = new ArrayList<>();
                    for (Row row : rows) {
                        DeletionReceipted receipt = done.get(row.getUUID("id")).data();
                        String subject = row.getString("subject_id");
                        String address = row.getString("storage_uri");
                        items.add(new SettledItem(
                                row.getUUID("id"),
                                row.getString("tenant_id"),
                                subject == null ? null : subject.trim(),
                                row.getString("category"),
                                row.getString("store"),
                                address == null ? row.getString("item_ref") : address,
                                instant(row.getOffsetDateTime("stored_at")),
                                instant(row.getOffsetDateTime("due_at")),
                                row.getString("reason") == null ? "RETENTION_PERIOD_ENDED" : row.getString("reason"),
                                receipt.commandId(),
                                receipt.action().name(),
                                receipt.outcome().name(),
                                receipt.agent(),
                                receipt.completedAt(),
                                instant(row.getOffsetDateTime("settled_at"))));
                    }
                    return certificates.issue(tx, items);
                });
    }

    /** QUARANTINED: withdrawn from readers; its deletion comes next, at its due date (a hold may still keep it). */
    private Uni<Void> quarantined(SqlConnection tx, List<Receipt> fresh, Map<String, Sent> sent) {
        UUID[] items = fresh.stream()
                .filter(r -> r.data().outcome() == DeletionOutcome.QUARANTINED)
                .map(r -> sent.get(r.data().commandId()).item())
                .toArray(UUID[]::new);
        if (items.length == 0) {
            return Uni.createFrom().voidItem();
        }
        settled.increment(items.length);
        return tx.preparedQuery(
                        """
                        UPDATE inventory_item
                        SET quarantined_at = now(), status = 'RETAINED', pending_action = 'DELETE', attempts = 0,
                            next_action_at = greatest(due_at, now())
                        WHERE id = ANY($1) AND settled_at IS NULL AND quarantined_at IS NULL""")
                .execute(Tuple.of(items))
                .replaceWithVoid();
    }

    /** FAILED on the item's current attempt: the next attempt after the failure back-off, or the store's Retry-After. */
    private Uni<Void> retry(SqlConnection tx, List<Receipt> fresh, Map<String, Sent> sent) {
        List<Receipt> failures = fresh.stream()
                .filter(r -> r.data().outcome() == DeletionOutcome.FAILED)
                .toList();
        if (failures.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        failed.increment(failures.size());
        List<UUID> items = new ArrayList<>();
        List<Integer> attempts = new ArrayList<>();
        List<Double> waits = new ArrayList<>();
        for (Receipt failure : failures) {
            Sent command = sent.get(failure.data().commandId());
            double backoff = backoff(command.attempt());
            Integer retryAfter = failure.data().retryAfterSeconds();
            items.add(command.item());
            attempts.add(command.attempt());
            waits.add(retryAfter == null ? backoff : Math.max(backoff, retryAfter));
        }
        return tx.preparedQuery(
                        """
                        UPDATE inventory_item i SET next_action_at = now() + make_interval(secs => r.wait)
                        FROM unnest($1::uuid[], $2::int[], $3::float8[]) AS r (id, attempt, wait)
                        WHERE i.id = r.id AND i.attempts = r.attempt AND i.settled_at IS NULL
                          AND i.status = 'COMMANDED'""")
                .execute(Tuple.of(
                        items.toArray(UUID[]::new), attempts.toArray(Integer[]::new), waits.toArray(Double[]::new)))
                .replaceWithVoid();
    }

    private double backoff(int attempt) {
        double seconds = config.failureBackoff().toMillis() / 1000.0 * Math.pow(2, Math.max(0, attempt - 1));
        return Math.min(seconds, config.maxBackoff().toSeconds());
    }

    private static String truncated(String detail) {
        return detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000);
    }

    private Uni<Void> oneByOne(List<Receipt> valid, Map<String, Sent> sent) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Receipt receipt : valid) {
            all = all.chain(() -> UntilApplied.apply(
                            "a deletion receipt",
                            () -> database.withTransaction(tx -> apply(tx, List.of(receipt), sent)))
                    .onFailure(MalformedEventException.class)
                    .recoverWithUni(refused -> deadLetter(receipt.record(), refused)));
        }
        return all;
    }

    private Uni<Void> deadLetter(KafkaRecord<String, String> record, Throwable reason) {
        return UntilApplied.apply("dead-lettering a deletion receipt", () -> deadLetters.send(record, reason));
    }
}
