package io.consentmesh.dsar.results;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.contracts.dsar.DsarHeldRecords;
import io.consentmesh.contracts.dsar.DsarTaskCompleted;
import io.consentmesh.contracts.dsar.FileExported;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.dsar.bundle.Bundles;
import io.consentmesh.dsar.bundle.FileExports;
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
 * Consumes {@code dsar.task-result.v1}: each service's answer, and the pages of records it sent before it for an
 * access or portability copy, are stored once (keyed by their event ids); the request's results are complete when
 * every expected service has answered, and its copy is then assembled ({@link Bundles}). The deletion agents' answers
 * to file exports come here too ({@link FileExports}).
 */
@ApplicationScoped
public class TaskResultConsumer {

    private final Pool database;
    private final List<String> responders;
    private final DsarRecord record;
    private final Bundles bundles;
    private final FileExports fileExports;

    TaskResultConsumer(Pool database, DsarConfig config, DsarRecord record, Bundles bundles, FileExports fileExports) {
        this.bundles = bundles;
        this.fileExports = fileExports;
        this.database = database;
        this.responders = List.copyOf(config.responders());
        this.record = record;
    }

    @Incoming("task-results")
    public Uni<Void> onResult(String json) {
        return UntilApplied.apply("a DSAR task result", () -> {
            EventEnvelope<?> event = EventCodec.decode(json);
            if (event.data() instanceof DsarHeldRecords page) {
                UUID requestId = requestIdOf(page.requestId());
                return database.withTransaction(connection -> subjectOf(connection, event, requestId)
                        .chain(subject -> storePage(connection, event.id(), requestId, page)));
            }
            if (event.data() instanceof FileExported) {
                @SuppressWarnings("unchecked")
                EventEnvelope<FileExported> exported = (EventEnvelope<FileExported>) event;
                return database.withTransaction(connection -> fileExports.answered(connection, exported))
                        .invoke(bundles::wake);
            }
            if (!(event.data() instanceof DsarTaskCompleted result)) {
                throw new MalformedEventException("not an answer to a DSAR task: " + event.type());
            }
            @SuppressWarnings("unchecked")
            EventEnvelope<DsarTaskCompleted> answer = (EventEnvelope<DsarTaskCompleted>) event;
            UUID requestId = requestIdOf(result.requestId());
            return database.withTransaction(connection -> subjectOf(connection, event, requestId)
                            .chain(subject -> store(connection, answer, requestId, subject)
                                    .chain(() -> completeIfAllAnswered(connection, answer, requestId, subject))))
                    .invoke(record::published)
                    .invoke(bundles::wake);
        });
    }

    /** The request's subject, its row locked; an answer to a request this tenant does not have is dead-lettered. */
    private static Uni<String> subjectOf(SqlConnection connection, EventEnvelope<?> event, UUID requestId) {
        return connection
                .preparedQuery("SELECT subject_id FROM dsar_request WHERE id = $1 AND tenant_id = $2 FOR UPDATE")
                .execute(Tuple.of(requestId, event.tenantId().value()))
                .map(known -> {
                    if (!known.iterator().hasNext()) {
                        throw new MalformedEventException("no request " + requestId + " for this tenant");
                    }
                    return known.iterator().next().getString("subject_id").trim();
                });
    }

    /** One page of a service's records, stored once however often it is delivered. */
    private static Uni<Void> storePage(SqlConnection connection, String eventId, UUID requestId, DsarHeldRecords page) {
        return connection
                .preparedQuery("INSERT INTO dsar_held_record (event_id, request_id, responding_service, category, page,"
                        + " records) VALUES ($1, $2, $3, $4, $5, $6::text::jsonb) ON CONFLICT DO NOTHING")
                .execute(Tuple.from(Arrays.asList(
                        eventId,
                        requestId,
                        page.respondingService(),
                        page.category(),
                        page.page(),
                        EventCodec.mapper().valueToTree(page.records()).toString())))
                .replaceWithVoid();
    }

    private Uni<Void> store(
            SqlConnection connection, EventEnvelope<DsarTaskCompleted> event, UUID requestId, String subject) {
        DsarTaskCompleted result = event.data();
        return connection
                .preparedQuery("INSERT INTO dsar_task_result (event_id, request_id, responding_service, outcome, held,"
                        + " failure_reason, completed_at, record_pages)"
                        + " VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $8)"
                        + " ON CONFLICT DO NOTHING RETURNING event_id")
                .execute(Tuple.from(Arrays.asList(
                        event.id(),
                        requestId,
                        result.respondingService(),
                        result.outcome().name(),
                        EventCodec.mapper().valueToTree(result.held()).toString(),
                        result.failureReason(),
                        utc(result.completedAt()),
                        result.recordPages())))
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
                                        "recordPages", result.recordPages(),
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

    private static UUID requestIdOf(String requestId) {
        try {
            return UUID.fromString(requestId);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("requestId is not a request id of this service");
        }
    }
}
