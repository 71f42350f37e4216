package io.consentmesh.dsar.tasks;

import io.consentmesh.contracts.dsar.DsarRequestType;
import io.consentmesh.contracts.dsar.DsarTaskIssued;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.EventType;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.runtime.outbox.OutboxPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes each stored request's task to {@code dsar.task.v1} from the task outbox, keyed by the person's subject. The
 * event id derives from the task id, so a task sent again after a failed batch has one effect downstream.
 */
@Singleton
public class DsarTaskPublisher extends OutboxPublisher {

    private static final URI SOURCE = URI.create("/dsar-service/requests");
    private static final int BATCH = 200;

    private final MutinyEmitter<String> tasks;

    DsarTaskPublisher(
            Pool database, @Channel("dsar-tasks") MutinyEmitter<String> tasks, Vertx vertx, MeterRegistry metrics) {
        super(
                database,
                vertx,
                metrics,
                new Outbox(
                        "DSAR task outbox",
                        "SELECT o.seq, r.tenant_id, r.subject_id, r.id, r.task_id, r.request_type, r.received_at,"
                                + " r.due_at FROM dsar_task_outbox o JOIN dsar_request r ON r.id = o.request_id",
                        "dsar_task_outbox",
                        BATCH,
                        Duration.ofMillis(200),
                        "mesh.dsar.tasks.published",
                        "DSAR tasks published to dsar.task.v1"));
        this.tasks = tasks;
    }

    /** Queues the task of a verified request in the caller's transaction; {@link #wake} once it committed. */
    public Uni<Void> queue(SqlConnection tx, UUID requestId) {
        return tx.preparedQuery("INSERT INTO dsar_task_outbox (request_id) VALUES ($1)")
                .execute(Tuple.of(requestId))
                .replaceWithVoid();
    }

    @Override
    protected Uni<Void> send(Row row) {
        String taskId = row.getString("task_id");
        String subject = row.getString("subject_id").trim();
        DsarTaskIssued task = new DsarTaskIssued(
                taskId,
                row.getUUID("id").toString(),
                DsarRequestType.valueOf(row.getString("request_type")),
                row.getOffsetDateTime("due_at").toInstant());
        EventEnvelope<DsarTaskIssued> event = EventEnvelope.of(
                EventIds.of("dsar-service", "task", taskId),
                SOURCE,
                new TenantId(row.getString("tenant_id")),
                new SubjectId(subject),
                row.getOffsetDateTime("received_at").toInstant(),
                task);
        // version 1 for the rights its readers know, so that a service not yet upgraded keeps answering them
        if (!DsarRequestType.FIRST_VERSION.contains(task.requestType())) {
            event = event.withData(EventType.DSAR_TASK_ISSUED_V2, task);
        }
        return publish(tasks, event, subject);
    }
}
