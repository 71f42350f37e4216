package io.consentmesh.retention.dsar;

import io.consentmesh.contracts.dsar.DsarRequestType;
import io.consentmesh.contracts.dsar.DsarTaskCompleted;
import io.consentmesh.contracts.dsar.DsarTaskIssued;
import io.consentmesh.contracts.dsar.DsarTaskOutcome;
import io.consentmesh.contracts.dsar.HeldData;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.retention.config.RetentionConfig;
import io.consentmesh.retention.proof.RetentionLog;
import io.consentmesh.runtime.timing.PeriodicRun;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * retention-service's part of a data-subject request. An access, portability or restriction task is answered at once
 * with what the inventory holds of the person — per category, how many items are kept and where, how many were
 * deleted with a certificate, how many a legal hold keeps. A deletion task makes every undeleted item of the person due
 * now (reason DELETION_REQUEST; the sweeper commands them, holds apply as always) and is answered once each is
 * deleted or set aside by a hold: the answer counts the deletions and lists the held items as exceptions. An access
 * or portability answer also carries the items themselves as records ({@code stored-items}). Tasks are
 * accepted once (a redelivered task has no effect); answers leave through {@link DsarAnswerPublisher}'s outbox.
 */
@ApplicationScoped
public class DsarTasks {

    private static final String RESPONDER = "retention-service";

    private final Pool database;
    private final DsarAnswerPublisher answers;
    private final PeriodicRun finishDeletions;

    DsarTasks(Pool database, DsarAnswerPublisher answers, RetentionConfig config, Vertx vertx) {
        this.database = database;
        this.answers = answers;
        this.finishDeletions = new PeriodicRun(
                vertx, "answering finished DSAR deletions", config.dsarCheckEvery(), this::answerFinishedDeletions);
    }

    void start(@Observes StartupEvent started) {
        finishDeletions.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        finishDeletions.stop();
    }

    /** Accepts a task once, in one transaction: answered now, or (a deletion) its person's items made due. */
    public Uni<Void> accept(EventEnvelope<DsarTaskIssued> event) {
        if (event.subject() == null) {
            throw new MalformedEventException("a DSAR task must name its subject");
        }
        DsarTaskIssued task = event.data();
        String tenant = event.tenantId().value();
        String subject = event.subject();
        return database.withTransaction(tx -> tx.preparedQuery(
                                "INSERT INTO dsar_task (task_id, request_id, tenant_id, subject_id, request_type)"
                                        + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING task_id")
                        .execute(Tuple.of(
                                task.taskId(),
                                task.requestId(),
                                tenant,
                                subject,
                                task.requestType().name()))
                        .chain(inserted -> {
                            if (!inserted.iterator().hasNext()) {
                                return Uni.createFrom().item(false); // redelivered: accepted before
                            }
                            if (task.requestType() == DsarRequestType.DELETION) {
                                return makeDue(tx, tenant, subject, task).replaceWith(false);
                            }
                            boolean copy = task.requestType() == DsarRequestType.ACCESS
                                    || task.requestType() == DsarRequestType.PORTABILITY;
                            return held(tx, tenant, subject)
                                    .chain(held -> answer(tx, task.taskId(), task.requestId(), held))
                                    .chain(() -> copy
                                            ? keepRecords(tx, tenant, subject, task.taskId())
                                            : Uni.createFrom().voidItem())
                                    .replaceWith(true);
                        }))
                .invoke(answered -> {
                    if (answered) {
                        answers.wake();
                    } else {
                        finishDeletions.wake();
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> makeDue(SqlConnection tx, String tenant, String subject, DsarTaskIssued task) {
        return tx.preparedQuery(
                        """
                        UPDATE inventory_item
                        SET reason = 'DELETION_REQUEST', due_at = least(due_at, now()), next_action_at = now()
                        WHERE tenant_id = $1 AND subject_id = $2 AND settled_at IS NULL AND held_since IS NULL
                          AND status <> 'COMMANDED'""")
                .execute(Tuple.of(tenant, subject))
                .chain(updated -> RetentionLog.append(
                        tx,
                        List.of(RetentionLog.entry(
                                tenant,
                                subject,
                                RetentionLog.Kind.DELETION_REQUESTED,
                                null,
                                task.taskId(),
                                RetentionLog.detail(
                                        "requestId", task.requestId(),
                                        "taskId", task.taskId(),
                                        "itemsMadeDue", updated.rowCount())))));
    }

    /** Deletion tasks whose every item is now deleted or held: answered, each once. */
    Uni<Void> answerFinishedDeletions() {
        return database.withTransaction(tx -> tx.preparedQuery(
                                """
                                SELECT t.task_id, t.request_id, t.tenant_id, t.subject_id FROM dsar_task t
                                WHERE t.answered_at IS NULL AND t.request_type = 'DELETION'
                                  AND NOT EXISTS (SELECT 1 FROM inventory_item i
                                                  WHERE i.tenant_id = t.tenant_id AND i.subject_id = t.subject_id
                                                    AND i.settled_at IS NULL AND i.held_since IS NULL)
                                ORDER BY t.received_at LIMIT 100 FOR UPDATE OF t SKIP LOCKED""")
                        .execute()
                        .chain(rows -> {
                            Uni<Void> all = Uni.createFrom().voidItem();
                            for (Row row : rows) {
                                String tenant = row.getString("tenant_id");
                                String subject = row.getString("subject_id").trim();
                                all = all.chain(() -> deletionAnswer(tx, tenant, subject)
                                        .chain(held -> answer(
                                                tx, row.getString("task_id"), row.getString("request_id"), held)));
                            }
                            return all.replaceWith(rows.rowCount());
                        }))
                .invoke(answered -> {
                    if (answered > 0) {
                        answers.wake();
                    }
                })
                .replaceWithVoid();
    }

    /** What a deletion did: the person's items deleted (with certificates), and those a legal hold keeps. */
    private Uni<List<HeldData>> deletionAnswer(SqlConnection tx, String tenant, String subject) {
        return tx.preparedQuery(
                        """
                        SELECT count(*) FILTER (WHERE settled_at IS NOT NULL) AS deleted,
                               count(*) FILTER (WHERE settled_at IS NULL AND held_since IS NOT NULL) AS held,
                               string_agg(DISTINCT category, ', ' ORDER BY category)
                                   FILTER (WHERE settled_at IS NULL AND held_since IS NOT NULL) AS held_categories
                        FROM inventory_item WHERE tenant_id = $1 AND subject_id = $2""")
                .execute(Tuple.of(tenant, subject))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    List<HeldData> held = new ArrayList<>();
                    if (row.getLong("deleted") > 0) {
                        held.add(new HeldData(
                                "deleted-stored-items",
                                row.getLong("deleted"),
                                "deleted from their stores, each with a signed disposal certificate"
                                        + " (GET /v1/retention/items/{id}/certificate)"));
                    }
                    if (row.getLong("held") > 0) {
                        held.add(new HeldData(
                                "exception-legal-hold",
                                row.getLong("held"),
                                "kept under a legal hold (" + row.getString("held_categories")
                                        + "): deleted once the hold is released"));
                    }
                    return held;
                });
    }

    /** What the inventory holds of the person, per category. */
    private Uni<List<HeldData>> held(SqlConnection tx, String tenant, String subject) {
        return tx.preparedQuery(
                        """
                        SELECT category,
                               count(*) FILTER (WHERE settled_at IS NULL) AS kept,
                               count(*) FILTER (WHERE settled_at IS NOT NULL) AS deleted,
                               count(*) FILTER (WHERE settled_at IS NULL AND held_since IS NOT NULL) AS held,
                               string_agg(DISTINCT store, ', ' ORDER BY store) FILTER (WHERE settled_at IS NULL) AS stores,
                               min(due_at) FILTER (WHERE settled_at IS NULL) AS next_due
                        FROM inventory_item WHERE tenant_id = $1 AND subject_id = $2
                        GROUP BY category ORDER BY category""")
                .execute(Tuple.of(tenant, subject))
                .map(rows -> {
                    List<HeldData> held = new ArrayList<>();
                    for (Row row : rows) {
                        StringBuilder summary = new StringBuilder();
                        if (row.getLong("kept") > 0) {
                            summary.append("kept in ").append(row.getString("stores"));
                            if (row.getOffsetDateTime("next_due") != null) {
                                summary.append(", the first due for deletion at ")
                                        .append(row.getOffsetDateTime("next_due")
                                                .toInstant());
                            }
                        }
                        if (row.getLong("held") > 0) {
                            summary.append(summary.isEmpty() ? "" : "; ")
                                    .append(row.getLong("held"))
                                    .append(" under a legal hold");
                        }
                        if (row.getLong("deleted") > 0) {
                            summary.append(summary.isEmpty() ? "" : "; ")
                                    .append(row.getLong("deleted"))
                                    .append(" deleted with a disposal certificate");
                        }
                        held.add(new HeldData(
                                "stored-"
                                        + row.getString("category")
                                                .toLowerCase(Locale.ROOT)
                                                .replace('_', '-'),
                                row.getLong("kept"),
                                summary.toString()));
                    }
                    return held;
                });
    }

    /** The person's items as the inventory stores them, for their copy: sent as pages before the answer. */
    private Uni<Void> keepRecords(SqlConnection tx, String tenant, String subject, String taskId) {
        return tx.preparedQuery(
                        """
                        UPDATE dsar_task SET records = coalesce(
                            (SELECT jsonb_agg(to_jsonb(i) - 'tenant_id' - 'subject_id' ORDER BY i.stored_at, i.id)
                             FROM inventory_item i WHERE i.tenant_id = $1 AND i.subject_id = $2), '[]'::jsonb)
                        WHERE task_id = $3""")
                .execute(Tuple.of(tenant, subject, taskId))
                .replaceWithVoid();
    }

    private Uni<Void> answer(SqlConnection tx, String taskId, String requestId, List<HeldData> held) {
        DsarTaskCompleted answer = new DsarTaskCompleted(
                taskId,
                requestId,
                RESPONDER,
                held.isEmpty() ? DsarTaskOutcome.NOTHING_HELD : DsarTaskOutcome.COMPLETED,
                held,
                null,
                Instant.now());
        return tx.preparedQuery("UPDATE dsar_task SET answered_at = $2, answer = $3 WHERE task_id = $1")
                .execute(Tuple.of(
                        taskId,
                        answer.completedAt().atOffset(java.time.ZoneOffset.UTC),
                        EventCodec.mapper().valueToTree(answer).toString()))
                .chain(() -> tx.preparedQuery("INSERT INTO dsar_answer_outbox (task_id) VALUES ($1)")
                        .execute(Tuple.of(taskId)))
                .replaceWithVoid();
    }
}
