package io.consentmesh.consent.interactions;

import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.telephony.CallDirection;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.contracts.telephony.CallbackRequested;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps each person's latest inbound interaction and callback request, from {@code telephony.sms.v1} and
 * {@code telephony.call.v1}, for the authorizer's conversational window and purpose limits. Its own consumer group, in
 * batches (one transaction per batch): upserts keep the newest by the event's own time, so redeliveries and
 * out-of-order events change nothing. Malformed events are the evidence consumers' to dead-letter; here they are
 * skipped.
 */
@ApplicationScoped
public class InteractionConsumer {

    private static final Logger LOG = Logger.getLogger(InteractionConsumer.class);

    private static final String UPSERT_INBOUND = "INSERT INTO last_inbound"
            + " (tenant_id, subject_id, channel, at, source_event_id) VALUES ($1, $2, $3, $4, $5)"
            + " ON CONFLICT (tenant_id, subject_id) DO UPDATE SET channel = EXCLUDED.channel, at = EXCLUDED.at,"
            + " source_event_id = EXCLUDED.source_event_id WHERE last_inbound.at < EXCLUDED.at";
    private static final String UPSERT_CALLBACK = "INSERT INTO callback_request"
            + " (tenant_id, subject_id, requested_at, preferred_at, call_id, source_event_id)"
            + " VALUES ($1, $2, $3, $4, $5, $6)"
            + " ON CONFLICT (tenant_id, subject_id) DO UPDATE SET requested_at = EXCLUDED.requested_at,"
            + " preferred_at = EXCLUDED.preferred_at, call_id = EXCLUDED.call_id,"
            + " source_event_id = EXCLUDED.source_event_id WHERE callback_request.requested_at < EXCLUDED.requested_at";

    private final Pool database;

    InteractionConsumer(Pool database) {
        this.database = database;
    }

    @Incoming("interactions")
    public Uni<Void> onBatch(List<String> events) {
        List<Tuple> inbound = new ArrayList<>();
        List<Tuple> callbacks = new ArrayList<>();
        for (String json : events) {
            EventEnvelope<?> event;
            try {
                event = EventCodec.decode(json);
            } catch (RuntimeException malformed) {
                LOG.debugf("skipped a malformed event: %s", malformed.getMessage());
                continue;
            }
            if (event.subject() == null || event.tenantId() == null) {
                continue;
            }
            String tenant = event.tenantId().value();
            String subject = event.subject();
            if (event.data() instanceof SmsReceived sms) {
                inbound.add(Tuple.of(tenant, subject, "SMS", utc(sms.receivedAt()), event.id()));
            } else if (event.data() instanceof CallStatusChanged call && call.direction() == CallDirection.INBOUND) {
                inbound.add(Tuple.of(tenant, subject, "VOICE", utc(call.occurredAt()), event.id()));
            } else if (event.data() instanceof CallbackRequested callback) {
                callbacks.add(Tuple.tuple()
                        .addString(tenant)
                        .addString(subject)
                        .addOffsetDateTime(utc(callback.occurredAt()))
                        .addOffsetDateTime(callback.preferredAt() == null ? null : utc(callback.preferredAt()))
                        .addString(callback.callId())
                        .addString(event.id()));
            }
        }
        if (inbound.isEmpty() && callbacks.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return database.withTransaction(connection ->
                run(connection, UPSERT_INBOUND, inbound).chain(() -> run(connection, UPSERT_CALLBACK, callbacks)));
    }

    private static Uni<Void> run(SqlConnection connection, String upsert, List<Tuple> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // One person may appear twice in a batch; executeBatch runs the rows in order, each upsert keeping the newest.
        return connection.preparedQuery(upsert).executeBatch(rows).replaceWithVoid();
    }

    static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
