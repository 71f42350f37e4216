package io.consentmesh.consent.evidence;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentmesh.contracts.consent.EvidenceRecorded;
import io.consentmesh.contracts.consent.LedgerCheckpointSigned;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.runtime.chain.CheckpointKey;
import io.consentmesh.runtime.outbox.OutboxPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes the ledger to {@code consent.evidence.v1} from the evidence outbox: every record (keyed by its subject, so a
 * subject's records stay in chain order on one partition) and every signed checkpoint (keyed by its tenant). Event ids
 * derive from the record id or the tenant and checkpoint sequence, so a repeat after a failed batch has one effect.
 */
@Singleton
public class EvidencePublisher extends OutboxPublisher {

    private static final URI SOURCE = URI.create("/consent-service/ledger");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> CONTENT = new TypeReference<>() {};
    static final int BATCH = 1_000;

    private final Pool database;
    private final MutinyEmitter<String> evidence;

    EvidencePublisher(
            Pool database,
            @Channel("evidence") MutinyEmitter<String> evidence,
            Vertx vertx,
            MeterRegistry metrics,
            @ConfigProperty(name = "mesh.consent.evidence-publish-interval", defaultValue = "PT0.2S")
                    Duration interval) {
        super(
                database,
                vertx,
                metrics,
                new Outbox(
                        "evidence outbox",
                        "SELECT o.seq, o.checkpoint_tenant, o.checkpoint_sequence, e.id, e.tenant_id, e.subject_id,"
                                + " e.source_event_id, e.kind, e.channel, e.occurred_at, e.recorded_at,"
                                + " e.content::text AS content, e.prev_hash, e.hash"
                                + " FROM evidence_outbox o LEFT JOIN evidence e ON e.id = o.evidence_id",
                        "evidence_outbox",
                        BATCH,
                        interval,
                        "mesh.consent.evidence.published",
                        "ledger records and checkpoints published to consent.evidence.v1"));
        this.database = database;
        this.evidence = evidence;
    }

    @Override
    protected Uni<Void> send(Row row) {
        String checkpointTenant = row.getString("checkpoint_tenant");
        return checkpointTenant != null
                ? checkpoint(checkpointTenant, row.getLong("checkpoint_sequence"))
                        .chain(this::send)
                : send(record(row));
    }

    private Uni<Void> send(EventEnvelope<?> event) {
        String key = event.subject() != null
                ? event.subject()
                : "checkpoint:" + event.tenantId().value();
        return publish(evidence, event, key);
    }

    private static EventEnvelope<EvidenceRecorded> record(Row row) {
        String id = row.getUUID("id").toString();
        Instant recordedAt = row.getOffsetDateTime("recorded_at").toInstant();
        EvidenceRecorded recorded = new EvidenceRecorded(
                id,
                row.getString("source_event_id"),
                row.getString("kind"),
                row.getString("channel"),
                row.getOffsetDateTime("occurred_at").toInstant(),
                recordedAt,
                content(row.getString("content")),
                trimmed(row.getString("prev_hash")),
                trimmed(row.getString("hash")));
        return EventEnvelope.of(
                EventIds.of("consent-service", "evidence", id),
                SOURCE,
                new TenantId(row.getString("tenant_id")),
                new SubjectId(row.getString("subject_id").trim()),
                recordedAt,
                recorded);
    }

    private Uni<EventEnvelope<LedgerCheckpointSigned>> checkpoint(String tenant, long sequence) {
        return database.preparedQuery("SELECT c.created_at, c.previous_root, c.root, c.key_id, c.signature,"
                        + " h.subject_id, h.chain_length, h.head_hash FROM ledger_checkpoint c"
                        + " JOIN ledger_checkpoint_head h ON h.tenant_id = c.tenant_id AND h.sequence = c.sequence"
                        + " WHERE c.tenant_id = $1 AND c.sequence = $2 ORDER BY h.subject_id")
                .execute(Tuple.of(tenant, sequence))
                .map(rows -> {
                    List<LedgerCheckpointSigned.ChainHead> heads = new ArrayList<>();
                    Row first = null;
                    for (Row row : rows) {
                        first = first == null ? row : first;
                        heads.add(new LedgerCheckpointSigned.ChainHead(
                                row.getString("subject_id").trim(),
                                row.getLong("chain_length"),
                                row.getString("head_hash").trim()));
                    }
                    if (first == null) {
                        throw new IllegalStateException("checkpoint " + tenant + "/" + sequence + " has no heads");
                    }
                    Instant createdAt = first.getOffsetDateTime("created_at").toInstant();
                    LedgerCheckpointSigned signed = new LedgerCheckpointSigned(
                            sequence,
                            trimmed(first.getString("previous_root")),
                            first.getString("root").trim(),
                            heads,
                            createdAt,
                            first.getString("key_id"),
                            CheckpointKey.ALGORITHM,
                            first.getString("signature"));
                    return EventEnvelope.of(
                            EventIds.of("consent-service", "checkpoint", tenant, Long.toString(sequence)),
                            SOURCE,
                            new TenantId(tenant),
                            null,
                            createdAt,
                            signed);
                });
    }

    private static Map<String, Object> content(String json) {
        try {
            return JSON.readValue(json, CONTENT);
        } catch (IOException e) {
            throw new UncheckedIOException("a ledger record's content is not JSON", e);
        }
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }
}
