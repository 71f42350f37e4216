package io.consentmesh.dsar.record;

import io.consentmesh.contracts.dsar.DsarRequestRecorded;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
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
 * Publishes each recorded step of a request to {@code dsar.request.v1}, keyed by the person's subject (a person's steps
 * stay in order on one partition). The event id is the record id, so a step sent again has one effect downstream.
 */
@Singleton
public class DsarRecordPublisher extends OutboxPublisher {

    private static final URI SOURCE = URI.create("/dsar-service/record");

    private final MutinyEmitter<String> topic;

    DsarRecordPublisher(
            Pool database, @Channel("dsar-record") MutinyEmitter<String> topic, Vertx vertx, MeterRegistry metrics) {
        super(
                database,
                vertx,
                metrics,
                new Outbox(
                        "DSAR record outbox",
                        "SELECT o.seq, r.id, r.tenant_id, r.subject_id, r.kind, r.request_id, r.detail::text AS detail,"
                                + " r.at, r.prev_hash, r.hash FROM dsar_record_outbox o"
                                + " JOIN dsar_record r ON r.id = o.record_id",
                        "dsar_record_outbox",
                        200,
                        Duration.ofMillis(200),
                        "mesh.dsar.record.published",
                        "Steps of data-subject requests published to dsar.request.v1"));
        this.topic = topic;
    }

    @Override
    protected Uni<Void> send(Row row) {
        DsarRecord.Step step = DsarRecord.step(row);
        String subject = row.getString("subject_id").trim();
        EventEnvelope<DsarRequestRecorded> event = EventEnvelope.of(
                EventIds.of("dsar-service", "record", step.recordId().toString()),
                SOURCE,
                new TenantId(row.getString("tenant_id")),
                new SubjectId(subject),
                step.at(),
                new DsarRequestRecorded(
                        step.recordId().toString(),
                        row.getUUID("request_id").toString(),
                        step.kind(),
                        step.detail(),
                        step.at(),
                        step.previousHash(),
                        step.hash()));
        return publish(topic, event, subject);
    }
}
