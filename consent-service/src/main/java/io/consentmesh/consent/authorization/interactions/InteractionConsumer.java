package io.consentmesh.consent.authorization.interactions;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.contracts.telephony.CallDirection;
import io.consentmesh.contracts.telephony.CallStatus;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.contracts.telephony.CallbackRequested;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.messaging.consumer.UntilApplied;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps each person's latest inbound interaction and callback request, from {@code telephony.sms.v1} and
 * {@code telephony.call.v1}, for the authorizer's conversational window and purpose limits. Its own consumer group, in
 * batches (one transaction per batch): upserts keep the newest by the event's own time, so redeliveries and
 * out-of-order events change nothing. Malformed events are the evidence consumers' to dead-letter; here they are
 * skipped. A database outage is retried with back-off until it passes (the channel never gives up: issue 20, where a
 * PostgreSQL restart left it failed until the service was restarted by hand).
 */
@ApplicationScoped
public class InteractionConsumer {

    private static final Logger LOG = Logger.getLogger(InteractionConsumer.class);

    private static final String UPSERT_INBOUND = "INSERT INTO last_inbound"
            + " (tenant_id, subject_id, channel, at, source_event_id)"
            + " SELECT * FROM unnest($1::text[], $2::char(64)[], $3::text[], $4::timestamptz[], $5::text[])"
            + " ON CONFLICT (tenant_id, subject_id) DO UPDATE SET channel = EXCLUDED.channel, at = EXCLUDED.at,"
            + " source_event_id = EXCLUDED.source_event_id WHERE last_inbound.at < EXCLUDED.at";
    private static final String UPSERT_CALLBACK = "INSERT INTO callback_request"
            + " (tenant_id, subject_id, requested_at, preferred_at, call_id, source_event_id)"
            + " VALUES ($1, $2, $3, $4, $5, $6)"
            + " ON CONFLICT (tenant_id, subject_id) DO UPDATE SET requested_at = EXCLUDED.requested_at,"
            + " preferred_at = EXCLUDED.preferred_at, call_id = EXCLUDED.call_id,"
            + " source_event_id = EXCLUDED.source_event_id, used_at = NULL, used_by_call = NULL"
            + " WHERE callback_request.requested_at < EXCLUDED.requested_at";
    /**
     * CB-01: a callback is permission for one call. The first outbound call to the person answered after the request
     * uses it (the earliest, whatever order the events come in; a redelivery changes nothing).
     */
    private static final String USE_CALLBACK = "UPDATE callback_request SET used_at = $3, used_by_call = $4"
            + " WHERE tenant_id = $1 AND subject_id = $2 AND requested_at < $3 AND (used_at IS NULL OR used_at > $3)";

    private final Pool database;

    InteractionConsumer(Pool database) {
        this.database = database;
    }

    @Incoming("interactions")
    public Uni<Void> onBatch(List<String> events) {
        Map<String, Inbound> inbound = new LinkedHashMap<>();
        List<Tuple> callbacks = new ArrayList<>();
        List<Tuple> callbacksMade = new ArrayList<>();
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
                newest(inbound, new Inbound(tenant, subject, "SMS", sms.receivedAt(), event.id()));
            } else if (event.data() instanceof CallStatusChanged call && call.direction() == CallDirection.INBOUND) {
                newest(inbound, new Inbound(tenant, subject, "VOICE", call.occurredAt(), event.id()));
            } else if (event.data() instanceof CallStatusChanged call
                    && call.direction() == CallDirection.OUTBOUND
                    && call.status() == CallStatus.ANSWERED) {
                callbacksMade.add(Tuple.of(tenant, subject, utc(call.occurredAt()), call.callId()));
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
        if (inbound.isEmpty() && callbacks.isEmpty() && callbacksMade.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // a database outage is waited out (the partitions held, nothing skipped); a value it refuses as data is
        // applied person by person, the refused one skipped like a malformed event
        return UntilApplied.applyBatch(
                "a batch of interactions",
                () -> database.withTransaction(connection -> upsertInbound(connection, inbound.values())
                        .chain(() -> run(connection, UPSERT_CALLBACK, callbacks))
                        .chain(() -> run(connection, USE_CALLBACK, callbacksMade))),
                () -> oneByOne(inbound.values(), callbacks, callbacksMade));
    }

    private Uni<Void> oneByOne(Collection<Inbound> inbound, List<Tuple> callbacks, List<Tuple> callbacksMade) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Inbound row : inbound) {
            all = all.chain(() -> skippingRefused(
                    "an interaction", () -> database.withConnection(c -> upsertInbound(c, List.of(row)))));
        }
        for (Tuple callback : callbacks) {
            all = all.chain(() -> skippingRefused(
                    "a callback request",
                    () -> database.withConnection(c -> run(c, UPSERT_CALLBACK, List.of(callback)))));
        }
        for (Tuple made : callbacksMade) {
            all = all.chain(() -> skippingRefused(
                    "a callback made", () -> database.withConnection(c -> run(c, USE_CALLBACK, List.of(made)))));
        }
        return all;
    }

    private static Uni<Void> skippingRefused(String what, java.util.function.Supplier<Uni<? extends Void>> upsert) {
        return UntilApplied.apply(what, upsert)
                .onFailure(MalformedEventException.class)
                .recoverWithItem(refused -> {
                    LOG.warnf("skipped %s the database refuses: %s", what, refused.getMessage());
                    return null;
                });
    }

    private record Inbound(String tenant, String subject, String channel, Instant at, String sourceEventId) {}

    /** A batch of a busy topic holds many texts of one person: only the newest can change the row. */
    private static void newest(Map<String, Inbound> inbound, Inbound next) {
        inbound.merge(
                next.tenant() + '\n' + next.subject(),
                next,
                (kept, later) -> later.at().isAfter(kept.at()) ? later : kept);
    }

    /** One statement for the whole batch: each person once, so the upsert never meets its own row twice. */
    private static Uni<Void> upsertInbound(SqlConnection connection, Collection<Inbound> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection
                .preparedQuery(UPSERT_INBOUND)
                .execute(Tuple.of(
                        rows.stream().map(Inbound::tenant).toArray(String[]::new),
                        rows.stream().map(Inbound::subject).toArray(String[]::new),
                        rows.stream().map(Inbound::channel).toArray(String[]::new),
                        rows.stream().map(row -> utc(row.at())).toArray(java.time.OffsetDateTime[]::new),
                        rows.stream().map(Inbound::sourceEventId).toArray(String[]::new)))
                .replaceWithVoid();
    }

    private static Uni<Void> run(SqlConnection connection, String upsert, List<Tuple> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // One person may ask twice in a batch; executeBatch runs the rows in order, each upsert keeping the newest.
        return connection.preparedQuery(upsert).executeBatch(rows).replaceWithVoid();
    }
}
