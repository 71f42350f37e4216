package io.consentmesh.retention.deletion;

import static io.consentmesh.runtime.sql.Timestamps.instant;

import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.retention.DeletionAction;
import io.consentmesh.contracts.retention.DeletionCommanded;
import io.consentmesh.contracts.retention.DeletionOverdue;
import io.consentmesh.contracts.retention.DeletionReason;
import io.consentmesh.runtime.outbox.OutboxPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes what the sweeps queued: each deletion command to {@code retention.deletion-command.v1} keyed by
 * {@code store/itemId} (one item's commands in order for its store), each escalation to
 * {@code retention.escalation.v1}. Event ids derive from the command id (or the item), so a row sent again after a
 * failed batch has one effect downstream.
 */
@Singleton
public class DeletionPublisher extends OutboxPublisher {

    private static final URI SOURCE = URI.create("/retention-service/deletions");
    private static final int BATCH = 1000;

    private final MutinyEmitter<String> commands;
    private final MutinyEmitter<String> escalations;

    DeletionPublisher(
            Pool database,
            @Channel("deletion-commands") MutinyEmitter<String> commands,
            @Channel("escalations") MutinyEmitter<String> escalations,
            Vertx vertx,
            MeterRegistry metrics) {
        super(
                database,
                vertx,
                metrics,
                new Outbox(
                        "retention outbox",
                        """
                        SELECT o.seq, o.command_id, c.action, c.reason, c.attempt, c.issued_at, i.id AS item_id,
                               i.tenant_id, i.subject_id, i.category, i.store, i.storage_uri, i.item_ref, i.due_at,
                               i.attempts, i.escalated_at,
                               (SELECT d.outcome || '|' || coalesce(d.detail, '') FROM deletion_command d
                                WHERE d.item_id = i.id AND d.receipted_at IS NOT NULL
                                ORDER BY d.receipted_at DESC LIMIT 1) AS last_receipt
                        FROM retention_outbox o
                             LEFT JOIN deletion_command c ON c.command_id = o.command_id
                             JOIN inventory_item i ON i.id = coalesce(c.item_id, o.escalated_item)""",
                        "retention_outbox",
                        BATCH,
                        Duration.ofMillis(200),
                        "mesh.retention.outbox.published",
                        "Deletion commands and escalations published"));
        this.commands = commands;
        this.escalations = escalations;
    }

    @Override
    protected Uni<Void> send(Row row) {
        String itemId = row.getUUID("item_id").toString();
        String store = row.getString("store");
        String subject = row.getString("subject_id");
        TenantId tenant = new TenantId(row.getString("tenant_id"));
        SubjectId subjectId = subject == null ? null : new SubjectId(subject.trim());
        String address = address(row);
        String commandId = row.getString("command_id");
        if (commandId != null) {
            DeletionCommanded command = new DeletionCommanded(
                    commandId,
                    itemId,
                    DeletionAction.valueOf(row.getString("action")),
                    DeletionReason.valueOf(row.getString("reason")),
                    row.getString("category"),
                    store,
                    address,
                    row.getInteger("attempt"),
                    instant(row.getOffsetDateTime("due_at")),
                    instant(row.getOffsetDateTime("issued_at")));
            EventEnvelope<DeletionCommanded> event = EventEnvelope.of(
                    EventIds.of("retention-service", "command", commandId),
                    SOURCE,
                    tenant,
                    subjectId,
                    command.issuedAt(),
                    command);
            return publish(commands, event, command.key());
        }
        String last = row.getString("last_receipt");
        int bar = last == null ? -1 : last.indexOf('|');
        DeletionOverdue overdue = new DeletionOverdue(
                itemId,
                row.getString("category"),
                store,
                address,
                instant(row.getOffsetDateTime("due_at")),
                row.getInteger("attempts"),
                bar < 0 ? null : last.substring(0, bar),
                bar < 0 || bar == last.length() - 1 ? null : last.substring(bar + 1),
                instant(row.getOffsetDateTime("escalated_at")));
        EventEnvelope<DeletionOverdue> event = EventEnvelope.of(
                EventIds.of("retention-service", "escalation", itemId),
                SOURCE,
                tenant,
                subjectId,
                overdue.escalatedAt(),
                overdue);
        return publish(escalations, event, store + "/" + itemId);
    }

    /** The item's address in its store; an item reported without one is addressed by its reference. */
    private static String address(Row row) {
        String uri = row.getString("storage_uri");
        return uri == null || uri.isBlank() ? row.getString("item_ref") : uri;
    }
}
