package io.consentmesh.dsar.requests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.consentmesh.contracts.dsar.DsarTaskIssued;
import io.consentmesh.contracts.dsar.HeldData;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.contracts.http.ProblemException;
import io.consentmesh.contracts.subject.SubjectConfig;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.dsar.clock.DsarClock;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Takes requests in: the task goes to the broker first and the request is stored once it is there, so no stored
 * request ever lacks its task. (If storing then fails the caller gets an error and retries; the orphan task's
 * answers name a request that does not exist and are dead-lettered.)
 */
@ApplicationScoped
public class DsarRequests {

    private static final URI SOURCE = URI.create("/dsar-service/requests");
    private static final TypeReference<List<HeldData>> HELD_LIST = new TypeReference<>() {};

    private final Mutiny.SessionFactory sessions;
    private final MutinyEmitter<String> tasks;
    private final SubjectKeys subjectKeys;
    private final SubjectConfig subjects;
    private final DsarConfig config;

    DsarRequests(
            Mutiny.SessionFactory sessions,
            @Channel("dsar-tasks") MutinyEmitter<String> tasks,
            SubjectKeys subjectKeys,
            SubjectConfig subjects,
            DsarConfig config) {
        this.sessions = sessions;
        this.tasks = tasks;
        this.subjectKeys = subjectKeys;
        this.subjects = subjects;
        this.config = config;
    }

    public Uni<DsarRequestView> open(NewDsarRequest request) {
        SubjectId subject = subjectKeys.subjectOf(
                request.tenantId(), request.phoneNumber(), subjects.defaultRegion(), "phoneNumber");
        DsarRequest row = new DsarRequest();
        row.id = UUID.randomUUID();
        row.tenantId = request.tenantId().value();
        row.subjectId = subject.value();
        row.requestType = request.type().name();
        row.jurisdiction = request.jurisdiction().name();
        row.status = RequestStatus.AWAITING_RESULTS.name();
        row.receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
        row.dueAt = DsarClock.dueAt(request.jurisdiction(), row.receivedAt);
        row.taskId = "task-" + row.id;

        DsarTaskIssued task = new DsarTaskIssued(row.taskId, row.id.toString(), request.type(), row.dueAt);
        EventEnvelope<DsarTaskIssued> event = EventEnvelope.of(
                EventIds.of("dsar-service", "task", row.taskId),
                SOURCE,
                request.tenantId(),
                subject,
                row.receivedAt,
                task);
        return tasks.sendMessage(Message.of(EventCodec.encode(event))
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                                .withKey(subject.value())
                                .build()))
                .onFailure()
                .transform(failure -> new ProblemException(Problem.of(
                        503,
                        "event-log-unavailable",
                        "The event log is unavailable",
                        "the request was not taken; retry later")))
                .chain(() -> sessions.withTransaction(session -> session.persist(row)))
                .replaceWith(() -> view(row, List.of()));
    }

    public Uni<Optional<DsarRequestView>> find(UUID id) {
        return sessions.withSession(session -> session.find(DsarRequest.class, id)
                .chain(row -> row == null
                        ? Uni.createFrom().item(Optional.<DsarRequestView>empty())
                        : results(session, id).map(results -> Optional.of(view(row, results)))));
    }

    private static Uni<List<DsarRequestView.Result>> results(Mutiny.Session session, UUID requestId) {
        return session.createNativeQuery(
                        "SELECT responding_service, outcome, held::text, completed_at FROM dsar_task_result "
                                + "WHERE request_id = :id ORDER BY completed_at",
                        Object[].class)
                .setParameter("id", requestId)
                .getResultList()
                .map(rows -> rows.stream()
                        .map(row -> new DsarRequestView.Result(
                                (String) row[0], (String) row[1], held((String) row[2]), instant(row[3])))
                        .toList());
    }

    private DsarRequestView view(DsarRequest row, List<DsarRequestView.Result> results) {
        Set<String> awaiting = new TreeSet<>(config.responders());
        results.forEach(r -> awaiting.remove(r.respondingService()));
        return new DsarRequestView(
                row.id,
                row.tenantId,
                row.subjectId,
                row.requestType,
                row.jurisdiction,
                row.status,
                row.receivedAt,
                row.dueAt,
                results,
                awaiting);
    }

    private static List<HeldData> held(String json) {
        try {
            return EventCodec.mapper().readValue(json, HELD_LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "stored results are always valid JSON: " + e.getOriginalMessage() + " in " + json, e);
        }
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime odt ? odt.toInstant() : (Instant) value;
    }
}
