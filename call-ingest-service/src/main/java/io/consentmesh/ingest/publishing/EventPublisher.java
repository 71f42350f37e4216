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
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Publishes a normalised event keyed by its subject and completes only when the broker has acknowledged it
 * ({@code acks=all}), so a webhook is answered 2xx only once its event cannot be lost. An event id already published
 * (a provider's retry) is not published again; two copies racing past that check carry the same deterministic id,
 * and consumers apply an id once.
 */
@ApplicationScoped
public class EventPublisher {

    private final Mutiny.SessionFactory sessions;
    private final Map<String, MutinyEmitter<String>> emitters;

    EventPublisher(Mutiny.SessionFactory sessions, @Channel("sms-events") MutinyEmitter<String> smsEvents) {
        this.sessions = sessions;
        this.emitters = Map.of(Topics.TELEPHONY_SMS, smsEvents);
    }

    /** @return true when published now, false when it had been published before */
    public Uni<Boolean> publishOnce(EventEnvelope<?> event) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "SELECT count(*) FROM webhook_receipt WHERE event_id = :id", Long.class)
                        .setParameter("id", event.id())
                        .getSingleResult())
                .chain(seen -> seen > 0
                        ? Uni.createFrom().item(false)
                        : send(event).chain(() -> remember(event.id())).replaceWith(true));
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
                .transform(failure -> new ProblemException(Problem.of(
                        503,
                        "event-log-unavailable",
                        "The event log is unavailable",
                        "the event could not be stored; retry later")));
    }

    private Uni<Void> remember(String eventId) {
        return sessions.withTransaction(session -> session.createNativeQuery(
                                "INSERT INTO webhook_receipt (event_id) VALUES (:id) ON CONFLICT DO NOTHING")
                        .setParameter("id", eventId)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
