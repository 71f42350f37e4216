package io.consentmesh.dsar.results;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.contracts.dsar.DsarTaskCompleted;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.dsar.record.DsarRecord;
import io.consentmesh.dsar.requests.DsarConfig;
import io.consentmesh.dsar.requests.RequestStatus;
import io.consentmesh.messaging.consumer.UntilApplied;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code dsar.task-result.v1}: each service's answer is stored once (keyed by its event id), and the
 * request's results are complete when every expected service has answered.
 */
@ApplicationScoped
public class TaskResultConsumer {

    private final Pool database;
    private final List<String> responders;
    private final DsarRecord record;

    TaskResultConsumer(Pool database, DsarConfig config, DsarRecord record) {
        this.database = database;
        this.responders = List.copyOf(config.responders());
        this.record = record;
    }

    @Incoming("task-results")
    public Uni<Void> onResult(String json) {
        return UntilApplied.apply("a DSAR task result", () -> {
            EventEnvelope<DsarTaskCompleted> event = EventCodec.decode(json, DsarTaskCompleted.class);
            UUID requestId = requestIdOf(event.data());
            return database.withTransaction(connection -> connection
                            .preparedQuery(
                                    "SELECT subject_id FROM dsar_request WHERE id = $1 AND tenant_id = $2 FOR UPDATE")
                            .execute(Tuple.of(requestId, event.tenantId().value()))
                            .chain(known -> {
                                if (!known.iterator().hasNext()) {
                                    throw new MalformedEventException("no request " + requestId + " for this tenant");
                                }
                                String subject = known.iterator()
                                        .next()
                                        .getString("subject_id")
                                        .trim();
                                return store(connection, event, requestId, subject)
                                        .chain(() -> completeIfAllAnswered(connection, event, requestId, subject));
                            }))
                    .invoke(record::published);
        });
    }

    private Uni<Void> store(
            SqlConnection connection, EventEnvelope<DsarTaskCompleted> event, UUID requestId, String subject) {
        DsarTaskCompleted result = event.data();
        return connection
                .preparedQuery("INSERT INTO dsar_task_result (event_id, request_id, responding_service, outcome, held,"
                        + " failure_reason, completed_at) VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7)"
                        + " ON CONFLICT DO NOTHING RETURNING event_id")
                .execute(Tuple.from(Arrays.asList(
                        event.id(),
                        requestId,
                        result.respondingService(),
                        result.outcome().name(),
                        EventCodec.mapper().valueToTree(result.held()).toString(),
                        result.failureReason(),
                        utc(result.completedAt()))))
                .chain(inserted -> !inserted.iterator().hasNext()
                        ? Uni.createFrom().voidItem() // this answer, or this service's, was stored before
                        : record.append(
                                connection,
                                event.tenantId().value(),
                                subject,
                                requestId,
                                DsarRecord.Kind.ANSWERED,
                                requestId + "/" + result.respondingService(),
                                DsarRecord.detail(
                                        "service", result.respondingService(),
                                        "outcome", result.outcome().name(),
                                        "held", result.held().size(),
                                        "answerEventId", event.id())));
    }

    private Uni<Void> completeIfAllAnswered(
            SqlConnection connection, EventEnvelope<DsarTaskCompleted> event, UUID requestId, String subject) {
        return connection
                .preparedQuery(
                        """
                        UPDATE dsar_request SET status = $1
                        WHERE id = $2 AND status <> $1
                          AND (SELECT count(DISTINCT responding_service) FROM dsar_task_result
                               WHERE request_id = $2 AND responding_service = ANY($3)) = $4
                        RETURNING id""")
                .execute(Tuple.of(
                        RequestStatus.RESULTS_COMPLETE.name(), requestId, responders.toArray(String[]::new), (long)
                                responders.size()))
                .chain(completed -> !completed.iterator().hasNext()
                        ? Uni.createFrom().voidItem()
                        : record.append(
                                connection,
                                event.tenantId().value(),
                                subject,
                                requestId,
                                DsarRecord.Kind.COMPLETED,
                                requestId.toString(),
                                DsarRecord.detail("responders", String.join(",", responders))));
    }

    private static UUID requestIdOf(DsarTaskCompleted result) {
        try {
            return UUID.fromString(result.requestId());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("requestId is not a request id of this service");
        }
    }
}
