package io.consentmesh.dsar.requests;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.consentmesh.contracts.dsar.HeldData;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.dsar.clock.DsarClock;
import io.consentmesh.dsar.tasks.DsarTaskPublisher;
import io.consentmesh.runtime.subject.SubjectConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Takes requests in and reads them back. A request and its task are written in one transaction (the task into the
 * outbox that {@link DsarTaskPublisher} publishes from), so every stored request gets its task and no task goes out
 * for a request that was not stored.
 */
@ApplicationScoped
public class DsarRequests {

    private static final TypeReference<List<HeldData>> HELD_LIST = new TypeReference<>() {};

    private final Pool database;
    private final DsarTaskPublisher tasks;
    private final SubjectKeys subjectKeys;
    private final SubjectConfig subjects;
    private final DsarConfig config;

    DsarRequests(
            Pool database,
            DsarTaskPublisher tasks,
            SubjectKeys subjectKeys,
            SubjectConfig subjects,
            DsarConfig config) {
        this.database = database;
        this.tasks = tasks;
        this.subjectKeys = subjectKeys;
        this.subjects = subjects;
        this.config = config;
    }

    public Uni<DsarRequestView> open(NewDsarRequest request) {
        SubjectId subject = subjectKeys.subjectOf(
                request.tenantId(), request.phoneNumber(), subjects.defaultRegion(), "phoneNumber");
        UUID id = UUID.randomUUID();
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
        DsarRequestView opened = new DsarRequestView(
                id,
                request.tenantId().value(),
                subject.value(),
                request.type().name(),
                request.jurisdiction().name(),
                RequestStatus.AWAITING_RESULTS.name(),
                receivedAt,
                DsarClock.dueAt(request.jurisdiction(), receivedAt),
                List.of(),
                new TreeSet<>(config.responders()));
        return database.withTransaction(connection -> connection
                        .preparedQuery(
                                "INSERT INTO dsar_request (id, tenant_id, subject_id, request_type, jurisdiction,"
                                        + " status, received_at, due_at, task_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                        .execute(Tuple.from(Arrays.asList(
                                id,
                                opened.tenantId(),
                                opened.subjectId(),
                                opened.type(),
                                opened.jurisdiction(),
                                opened.status(),
                                utc(opened.receivedAt()),
                                utc(opened.dueAt()),
                                "task-" + id)))
                        .chain(() -> connection
                                .preparedQuery("INSERT INTO dsar_task_outbox (request_id) VALUES ($1)")
                                .execute(Tuple.of(id))))
                .invoke(tasks::wake)
                .replaceWith(opened);
    }

    /** Empty for an unknown id and for another tenant's request alike: its existence is not the caller's to learn. */
    public Uni<Optional<DsarRequestView>> find(String tenantId, UUID id) {
        return database.preparedQuery("SELECT id, tenant_id, subject_id, request_type, jurisdiction, status,"
                        + " received_at, due_at FROM dsar_request WHERE id = $1 AND tenant_id = $2")
                .execute(Tuple.of(id, tenantId))
                .chain(rows -> !rows.iterator().hasNext()
                        ? Uni.createFrom().item(Optional.<DsarRequestView>empty())
                        : results(id)
                                .map(results -> Optional.of(view(rows.iterator().next(), results))));
    }

    private Uni<List<DsarRequestView.Result>> results(UUID requestId) {
        return database.preparedQuery("SELECT responding_service, outcome, held::text AS held, completed_at"
                        + " FROM dsar_task_result WHERE request_id = $1 ORDER BY completed_at")
                .execute(Tuple.of(requestId))
                .map(DsarRequests::results);
    }

    private static List<DsarRequestView.Result> results(RowSet<Row> rows) {
        List<DsarRequestView.Result> results = new ArrayList<>();
        for (Row row : rows) {
            results.add(new DsarRequestView.Result(
                    row.getString("responding_service"),
                    row.getString("outcome"),
                    held(row.getString("held")),
                    row.getOffsetDateTime("completed_at").toInstant()));
        }
        return results;
    }

    private DsarRequestView view(Row row, List<DsarRequestView.Result> results) {
        Set<String> awaiting = new TreeSet<>(config.responders());
        results.forEach(r -> awaiting.remove(r.respondingService()));
        return new DsarRequestView(
                row.getUUID("id"),
                row.getString("tenant_id"),
                row.getString("subject_id").trim(),
                row.getString("request_type"),
                row.getString("jurisdiction"),
                row.getString("status"),
                row.getOffsetDateTime("received_at").toInstant(),
                row.getOffsetDateTime("due_at").toInstant(),
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
}
