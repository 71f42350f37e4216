package io.consentmesh.ingest.publishing;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventType;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.contracts.http.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Publishes a normalised event keyed by its subject and completes only when the broker has acknowledged it
 * ({@code acks=all}), so a webhook is answered 2xx only once its event cannot be lost. Each event id is published
 * once: the first copy of a webhook claims the id, publishes, and marks it published; a copy arriving meanwhile waits
 * for that outcome (200 if published, 503 so the provider retries if not); a later copy is answered at once.
 */
@ApplicationScoped
public class EventPublisher {

    /** A claim older than this belongs to an instance that died mid-publish and may be taken over. */
    static final int STALE_CLAIM_SECONDS = 30;

    private static final Duration WAIT_STEP = Duration.ofMillis(50);
    private static final int WAIT_STEPS = 100;

    private final Mutiny.SessionFactory sessions;
    private final Map<String, MutinyEmitter<String>> emitters;

    EventPublisher(
            Mutiny.SessionFactory sessions,
            @Channel("sms-events") MutinyEmitter<String> smsEvents,
            @Channel("call-events") MutinyEmitter<String> callEvents,
            @Channel("rejected-webhooks") MutinyEmitter<String> rejectedWebhooks) {
        this.sessions = sessions;
        this.emitters = Map.of(
                Topics.TELEPHONY_SMS, smsEvents,
                Topics.TELEPHONY_CALL, callEvents,
                Topics.INGEST_REJECTED, rejectedWebhooks);
    }

    /** @return true when published now, false when another copy of the same event was published */
    public Uni<Boolean> publishOnce(EventEnvelope<?> event) {
        Context context = Vertx.currentContext();
        return claim(event.id())
                .chain(claimed ->
                        claimed ? publishClaimed(event, context) : outcomeOfOtherCopy(event, context, WAIT_STEPS));
    }

    private Uni<Boolean> publishClaimed(EventEnvelope<?> event, Context context) {
        return send(event)
                .emitOn(onContext(context)) // the broker's answer arrives on a Kafka thread
                .onFailure()
                .call(() -> release(event.id()))
                .chain(() -> markPublished(event.id()))
                .replaceWith(true);
    }

    /** Another copy holds the claim: wait (without blocking) until it is published, released or given up on. */
    private Uni<Boolean> outcomeOfOtherCopy(EventEnvelope<?> event, Context context, int stepsLeft) {
        return state(event.id()).chain(state -> {
            if ("PUBLISHED".equals(state)) {
                return Uni.createFrom().item(false);
            }
            if (state == null) { // the other copy failed and released its claim: try ourselves
                return claim(event.id())
                        .chain(claimed -> claimed
                                ? publishClaimed(event, context)
                                : outcomeOfOtherCopy(event, context, stepsLeft - 1));
            }
            if (stepsLeft <= 0) {
                return Uni.createFrom().failure(unavailable("a copy of this webhook is still being processed"));
            }
            return Uni.createFrom()
                    .voidItem()
                    .onItem()
                    .delayIt()
                    .by(WAIT_STEP)
                    .emitOn(onContext(context)) // back to Hibernate Reactive's thread
                    .chain(() -> outcomeOfOtherCopy(event, context, stepsLeft - 1));
        });
    }

    private static Executor onContext(Context context) {
        return context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
    }

    /** @return true when this call now holds the claim on the event id */
    private Uni<Boolean> claim(String eventId) {
        return sessions.withTransaction(session -> session.createNativeQuery(
                                """
                                INSERT INTO webhook_receipt (event_id, state, claimed_at) VALUES (:id, 'PENDING', now())
                                ON CONFLICT (event_id) DO UPDATE SET claimed_at = now()
                                WHERE webhook_receipt.state = 'PENDING'
                                  AND webhook_receipt.claimed_at < now() - make_interval(secs => :stale)""")
                        .setParameter("id", eventId)
                        .setParameter("stale", STALE_CLAIM_SECONDS)
                        .executeUpdate())
                .map(rows -> rows == 1);
    }

    private Uni<String> state(String eventId) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "SELECT state FROM webhook_receipt WHERE event_id = :id", String.class)
                .setParameter("id", eventId)
                .getSingleResultOrNull());
    }

    private Uni<Integer> markPublished(String eventId) {
        return sessions.withTransaction(session -> session.createNativeQuery(
                        "UPDATE webhook_receipt SET state = 'PUBLISHED' WHERE event_id = :id")
                .setParameter("id", eventId)
                .executeUpdate());
    }

    private Uni<Integer> release(String eventId) {
        return sessions.withTransaction(session -> session.createNativeQuery(
                        "DELETE FROM webhook_receipt WHERE event_id = :id AND state = 'PENDING'")
                .setParameter("id", eventId)
                .executeUpdate());
    }

    private Uni<Void> send(EventEnvelope<?> event) {
        String topic = EventType.ofType(event.type()).orElseThrow().topic();
        MutinyEmitter<String> emitter = emitters.get(topic);
        if (emitter == null) {
            throw new IllegalStateException("no channel publishes to " + topic);
        }
        Message<String> message = Message.of(EventCodec.encode(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(event.subject())
                        .build());
        return emitter.sendMessage(message)
                .onFailure()
                .transform(failure -> unavailable("the event could not be stored; retry later"));
    }

    static ProblemException unavailable(String detail) {
        return new ProblemException(Problem.of(503, "event-log-unavailable", "The event log is unavailable", detail));
    }
}
