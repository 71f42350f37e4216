package io.consentmesh.consent.disclosure;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.messaging.consumer.UntilApplied;
import io.consentmesh.privacy.seal.PersonalEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code telephony.call.v1} in its own group ({@code consent-service-disclosure}) for the disclosure verdicts:
 * each relevant event is stored once (a redelivery finds its row and has no effect), the call's row learns when it
 * started and ended. A call is first judged a settling time after its end (by {@link CallSweep}), so that events still
 * on their way are in; an event that arrives after the verdict re-judges the call at once, in the same transaction
 * that stores it, before the offset is committed. A malformed event goes to {@code consent.dead-letter.v1}.
 */
@ApplicationScoped
public class DisclosureConsumer {

    private final Pool database;
    private final DisclosureJudge judge;

    DisclosureConsumer(Pool database, DisclosureJudge judge) {
        this.database = database;
        this.judge = judge;
    }

    @Incoming("call-disclosure")
    public Uni<Void> onCallEvent(String json) {
        return UntilApplied.apply("a call event for its disclosure verdict", () -> {
            EventEnvelope<?> event = EventCodec.decode(json);
            PersonalEvents.requireSealed(event);
            // kept as received when sealed; an event in clear (an older producer's) only minimised
            EventEnvelope<?> kept = PersonalEvents.minimisedIfInClear(event);
            String keptJson = kept == event ? json : EventCodec.encode(kept);
            return CallEvents.relevant(event)
                    .map(relevant ->
                            database.withTransaction(connection -> store(connection, event, relevant, keptJson)))
                    .orElseGet(() -> Uni.createFrom().voidItem());
        });
    }

    private Uni<Void> store(
            SqlConnection connection, EventEnvelope<?> event, CallEvents.Relevant relevant, String json) {
        if (relevant.callId() == null || relevant.callId().isBlank()) {
            throw new MalformedEventException("a call event must name its call");
        }
        return connection
                .preparedQuery(
                        """
                        INSERT INTO call_event (tenant_id, event_id, call_id, type, occurred_at, subject_id, envelope)
                        VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING""")
                .execute(Tuple.from(Arrays.asList(
                        event.tenantId().value(),
                        event.id(),
                        relevant.callId(),
                        event.type(),
                        utc(relevant.occurredAt()),
                        event.subject(),
                        json)))
                .chain(inserted -> inserted.rowCount() == 0
                        ? Uni.createFrom().voidItem()
                        : connection
                                .preparedQuery(
                                        """
                                        INSERT INTO call_disclosure (tenant_id, call_id, subject_id, first_event_at, ended_at)
                                        VALUES ($1, $2, $3, $4, $5)
                                        ON CONFLICT (tenant_id, call_id) DO UPDATE SET
                                            subject_id = COALESCE(call_disclosure.subject_id, EXCLUDED.subject_id),
                                            first_event_at = LEAST(call_disclosure.first_event_at, EXCLUDED.first_event_at),
                                            ended_at = LEAST(call_disclosure.ended_at, EXCLUDED.ended_at)""")
                                .execute(Tuple.of(
                                        event.tenantId().value(),
                                        relevant.callId(),
                                        event.subject(),
                                        utc(relevant.occurredAt()),
                                        utc(relevant.endedAt())))
                                .chain(() -> judge.judge(
                                        connection, event.tenantId(), relevant.callId(), DisclosureJudge.Trigger.EVENT))
                                .replaceWithVoid());
    }
}
