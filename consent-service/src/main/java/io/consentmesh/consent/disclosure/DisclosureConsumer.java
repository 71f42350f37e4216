package io.consentmesh.consent.disclosure;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.runtime.consumer.UntilApplied;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Consumes {@code telephony.call.v1} in its own group ({@code consent-service-disclosure}) for the disclosure verdicts:
 * each relevant event is stored once (a redelivery finds its row and has no effect), the call's row learns when it
 * started and ended. A call is first judged a settling time after its end (by {@link CallSweep}), so that events still
 * on their way are in; an event that arrives after the verdict re-judges the call at once, in the same transaction
 * that stores it, before the offset is committed. A malformed event goes to {@code consent.dead-letter.v1}.
 */
@ApplicationScoped
public class DisclosureConsumer {

    private final Mutiny.SessionFactory sessions;
    private final DisclosureJudge judge;

    DisclosureConsumer(Mutiny.SessionFactory sessions, DisclosureJudge judge) {
        this.sessions = sessions;
        this.judge = judge;
    }

    @Incoming("call-disclosure")
    public Uni<Void> onCallEvent(String json) {
        return UntilApplied.apply("a call event for its disclosure verdict", () -> {
            EventEnvelope<?> event = EventCodec.decode(json);
            return CallEvents.relevant(event)
                    .map(relevant -> sessions.withTransaction(session -> store(session, event, relevant, json)))
                    .orElseGet(() -> Uni.createFrom().voidItem());
        });
    }

    private Uni<Void> store(Mutiny.Session session, EventEnvelope<?> event, CallEvents.Relevant relevant, String json) {
        if (relevant.callId() == null || relevant.callId().isBlank()) {
            throw new MalformedEventException("a call event must name its call");
        }
        return session.createNativeQuery(
                        """
                        INSERT INTO call_event (tenant_id, event_id, call_id, type, occurred_at, subject_id, envelope)
                        VALUES (:tenant, :id, :call, :type, :at, :subject, :envelope) ON CONFLICT DO NOTHING""")
                .setParameter("tenant", event.tenantId().value())
                .setParameter("id", event.id())
                .setParameter("call", relevant.callId())
                .setParameter("type", event.type())
                .setParameter("at", utc(relevant.occurredAt()))
                .setParameter("subject", event.subject())
                .setParameter("envelope", json)
                .executeUpdate()
                .chain(inserted -> inserted == 0
                        ? Uni.createFrom().voidItem()
                        : session.createNativeQuery(
                                        """
                                        INSERT INTO call_disclosure (tenant_id, call_id, subject_id, first_event_at, ended_at)
                                        VALUES (:tenant, :call, :subject, :at, :ended)
                                        ON CONFLICT (tenant_id, call_id) DO UPDATE SET
                                            subject_id = COALESCE(call_disclosure.subject_id, EXCLUDED.subject_id),
                                            first_event_at = LEAST(call_disclosure.first_event_at, EXCLUDED.first_event_at),
                                            ended_at = LEAST(call_disclosure.ended_at, EXCLUDED.ended_at)""")
                                .setParameter("tenant", event.tenantId().value())
                                .setParameter("call", relevant.callId())
                                .setParameter("subject", event.subject())
                                .setParameter("at", utc(relevant.occurredAt()))
                                .setParameter("ended", relevant.endedAt() == null ? null : utc(relevant.endedAt()))
                                .executeUpdate()
                                .chain(() -> judge.judge(
                                        session, event.tenantId(), relevant.callId(), DisclosureJudge.Trigger.EVENT))
                                .replaceWithVoid());
    }
}
