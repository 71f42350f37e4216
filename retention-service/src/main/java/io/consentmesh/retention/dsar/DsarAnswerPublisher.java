package io.consentmesh.retention.dsar;

import io.consentmesh.contracts.dsar.DsarTaskCompleted;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.messaging.dsar.DsarAnswers;
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
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes retention-service's answers to data-subject request tasks on {@code dsar.task-result.v1}, keyed by the
 * person's subject id. The event id derives from the task, so an answer sent again after a failed batch is applied
 * once by dsar-service.
 */
@Singleton
public class DsarAnswerPublisher extends OutboxPublisher {

    /** The category of the person's inventoried items in an access or portability copy. */
    static final String STORED_ITEMS = "stored-items";

    private static final URI SOURCE = URI.create("/retention-service/dsar");

    private final MutinyEmitter<String> results;

    DsarAnswerPublisher(
            Pool database, @Channel("dsar-results") MutinyEmitter<String> results, Vertx vertx, MeterRegistry metrics) {
        super(
                database,
                vertx,
                metrics,
                new Outbox(
                        "DSAR answer outbox",
                        "SELECT o.seq, t.tenant_id, t.subject_id, t.answer, t.records FROM dsar_answer_outbox o"
                                + " JOIN dsar_task t ON t.task_id = o.task_id",
                        "dsar_answer_outbox",
                        100,
                        Duration.ofMillis(500),
                        "mesh.retention.dsar.answers.published",
                        "Answers to data-subject request tasks published"));
        this.results = results;
    }

    @Override
    protected Uni<Void> send(Row row) {
        DsarTaskCompleted answer;
        try {
            answer = EventCodec.mapper().readValue(row.getString("answer"), DsarTaskCompleted.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored answer is always valid JSON: " + e.getOriginalMessage(), e);
        }
        String subject = row.getString("subject_id").trim();
        Map<String, List<Map<String, Object>>> records = row.getValue("records") == null
                ? Map.of()
                : Map.of(STORED_ITEMS, recordsOf(row.getValue("records").toString()));
        // pages first, then the answer, one after the other under the subject's key
        Uni<Void> sent = Uni.createFrom().voidItem();
        for (EventEnvelope<?> event : DsarAnswers.events(
                SOURCE, new TenantId(row.getString("tenant_id")), new SubjectId(subject), answer, records)) {
            sent = sent.chain(() -> publish(results, event, subject));
        }
        return sent;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> recordsOf(String json) {
        try {
            return EventCodec.mapper().readValue(json, List.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored records are always a JSON array: " + e.getOriginalMessage(), e);
        }
    }
}
