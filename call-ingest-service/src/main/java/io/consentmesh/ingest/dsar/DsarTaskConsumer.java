package io.consentmesh.ingest.dsar;

import io.consentmesh.contracts.dsar.DsarTaskCompleted;
import io.consentmesh.contracts.dsar.DsarTaskIssued;
import io.consentmesh.contracts.dsar.HeldData;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.ingest.config.IngestConfig;
import io.consentmesh.messaging.consumer.UntilApplied;
import io.consentmesh.messaging.dsar.DsarAnswers;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * call-ingest-service's part of a data-subject request. What it keeps about a person is which calls they were on
 * ({@code call_party}: provider, call id, when — never a number), for as long as a provider may still call back about a
 * call ({@code mesh.ingest.receipt-retention}). An access or portability task is answered with those rows; a deletion
 * deletes them (a later callback about such a call then names no person, and reaches no one's record). Every other
 * right is answered with what it keeps, since it decides nothing about the person. Answers are derived from the task,
 * so a redelivered task is answered with the same events, which dsar-service applies once.
 */
@ApplicationScoped
public class DsarTaskConsumer {

    static final String SERVICE = "call-ingest-service";
    static final String CALL_PARTIES = "call-parties";
    private static final URI SOURCE = URI.create("/call-ingest-service/dsar");

    private final Pool database;
    private final MutinyEmitter<String> results;
    private final Duration keptFor;

    DsarTaskConsumer(Pool database, IngestConfig config, @Channel("dsar-results") MutinyEmitter<String> results) {
        this.database = database;
        this.results = results;
        this.keptFor = config.receiptRetention();
    }

    @Incoming("dsar-tasks")
    public Uni<Void> onTask(String json) {
        return UntilApplied.apply("a DSAR task", () -> {
            EventEnvelope<DsarTaskIssued> task = EventCodec.decode(json, DsarTaskIssued.class);
            if (task.subjectId() == null) {
                throw new MalformedEventException("a DSAR task must name its subject");
            }
            return switch (task.data().requestType()) {
                case DELETION ->
                    delete(task.tenantId(), task.subjectId())
                            .chain(deleted -> publish(
                                    task,
                                    deleted == 0
                                            ? List.of()
                                            : List.of(new HeldData(
                                                    "call-parties-deleted",
                                                    deleted,
                                                    "which calls you were on (provider and call id) was deleted")),
                                    Map.of()));
                case ACCESS, PORTABILITY ->
                    callParties(task.tenantId(), task.subjectId())
                            .chain(rows -> publish(
                                    task, held(rows.size()), rows.isEmpty() ? Map.of() : Map.of(CALL_PARTIES, rows)));
                default ->
                    callParties(task.tenantId(), task.subjectId())
                            .chain(rows -> publish(task, held(rows.size()), Map.of()));
            };
        });
    }

    private List<HeldData> held(int calls) {
        return calls == 0
                ? List.of()
                : List.of(new HeldData(
                        CALL_PARTIES,
                        calls,
                        "which calls you were on (provider and call id, no number), kept " + keptFor.toDays()
                                + " days so that the provider's late callbacks about a call reach its record"));
    }

    private Uni<List<Map<String, Object>>> callParties(TenantId tenant, SubjectId subject) {
        return database.preparedQuery("SELECT provider, call_id, created_at FROM call_party"
                        + " WHERE tenant_id = $1 AND subject_id = $2 ORDER BY created_at, call_id")
                .execute(Tuple.of(tenant.value(), subject.value()))
                .map(rows -> {
                    List<Map<String, Object>> records = new ArrayList<>();
                    for (Row row : rows) {
                        Instant created = row.getOffsetDateTime("created_at").toInstant();
                        Map<String, Object> record = new LinkedHashMap<>();
                        record.put("provider", row.getString("provider"));
                        record.put("call_id", row.getString("call_id"));
                        record.put("created_at", created.toString());
                        record.put("deleted_by", created.plus(keptFor).toString());
                        records.add(record);
                    }
                    return records;
                });
    }

    private Uni<Integer> delete(TenantId tenant, SubjectId subject) {
        return database.preparedQuery("DELETE FROM call_party WHERE tenant_id = $1 AND subject_id = $2")
                .execute(Tuple.of(tenant.value(), subject.value()))
                .map(deleted -> deleted.rowCount());
    }

    private Uni<Void> publish(
            EventEnvelope<DsarTaskIssued> task, List<HeldData> held, Map<String, List<Map<String, Object>>> copy) {
        DsarTaskCompleted answer = DsarAnswers.answer(task.data(), SERVICE, held);
        return DsarAnswers.send(
                results, task.subject(), DsarAnswers.events(SOURCE, task.tenantId(), task.subjectId(), answer, copy));
    }
}
