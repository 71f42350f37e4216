package io.consentmesh.dsar.results;

import io.consentmesh.contracts.consumer.UntilApplied;
import io.consentmesh.contracts.dsar.DsarTaskCompleted;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.dsar.requests.DsarConfig;
import io.consentmesh.dsar.requests.RequestStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Consumes {@code dsar.task-result.v1}: each service's answer is stored once, and the request's results are complete
 * when every expected service has answered.
 */
@ApplicationScoped
public class TaskResultConsumer {

    private final Mutiny.SessionFactory sessions;
    private final List<String> responders;

    TaskResultConsumer(Mutiny.SessionFactory sessions, DsarConfig config) {
        this.sessions = sessions;
        this.responders = List.copyOf(config.responders());
    }

    @Incoming("task-results")
    public Uni<Void> onResult(String json) {
        return UntilApplied.apply("a DSAR task result", () -> {
            EventEnvelope<DsarTaskCompleted> event = EventCodec.decode(json, DsarTaskCompleted.class);
            UUID requestId = requestIdOf(event.data());
            return sessions.withTransaction(session -> session.createNativeQuery(
                                    "SELECT count(*) FROM dsar_request WHERE id = :id AND tenant_id = :tenant",
                                    Long.class)
                            .setParameter("id", requestId)
                            .setParameter("tenant", event.tenantId().value())
                            .getSingleResult()
                            .chain(known -> {
                                if (known == 0) {
                                    throw new MalformedEventException("no request " + requestId + " for this tenant");
                                }
                                return store(session, event, requestId);
                            })
                            .chain(() -> completeIfAllAnswered(session, requestId)))
                    .replaceWithVoid();
        });
    }

    private static Uni<Integer> store(Mutiny.Session session, EventEnvelope<DsarTaskCompleted> event, UUID requestId) {
        DsarTaskCompleted result = event.data();
        return session.createNativeQuery(
                        """
                        INSERT INTO dsar_task_result (event_id, request_id, responding_service, outcome, held,
                                                      failure_reason, completed_at)
                        VALUES (:eventId, :requestId, :service, :outcome, CAST(CAST(:held AS text) AS jsonb), :failure, :completedAt)
                        ON CONFLICT DO NOTHING""")
                .setParameter("eventId", event.id())
                .setParameter("requestId", requestId)
                .setParameter("service", result.respondingService())
                .setParameter("outcome", result.outcome().name())
                .setParameter(
                        "held", EventCodec.mapper().valueToTree(result.held()).toString())
                .setParameter("failure", result.failureReason())
                .setParameter("completedAt", OffsetDateTime.ofInstant(result.completedAt(), ZoneOffset.UTC))
                .executeUpdate();
    }

    private Uni<Integer> completeIfAllAnswered(Mutiny.Session session, UUID requestId) {
        return session.createNativeQuery(
                        """
                        UPDATE dsar_request SET status = :complete
                        WHERE id = :id AND (SELECT count(DISTINCT responding_service) FROM dsar_task_result
                                            WHERE request_id = :id AND responding_service = ANY(:responders)) = :expected""")
                .setParameter("complete", RequestStatus.RESULTS_COMPLETE.name())
                .setParameter("id", requestId)
                .setParameter("responders", responders.toArray(String[]::new))
                .setParameter("expected", (long) responders.size())
                .executeUpdate();
    }

    private static UUID requestIdOf(DsarTaskCompleted result) {
        try {
            return UUID.fromString(result.requestId());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("requestId is not a request id of this service");
        }
    }
}
