package io.consentmesh.ingest.publishing;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventType;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.ingest.redaction.RedactedText;
import io.consentmesh.ingest.redaction.SensitiveDataRedactor;
import io.consentmesh.privacy.seal.PersonalData;
import io.consentmesh.privacy.seal.PersonalEvents;
import io.consentmesh.privacy.seal.Sealer;
import io.consentmesh.runtime.batching.GroupCommit;
import io.consentmesh.runtime.chain.SubjectRef;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.runtime.tracing.Traces;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

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

    private static final int MAX_BATCH = 512;
    /** Per kind of statement; the rest of the pool stays free for everything else. */
    private static final int MAX_BATCHES_IN_FLIGHT = 4;

    private static final Duration WAIT_STEP = Duration.ofMillis(50);
    private static final int WAIT_STEPS = 100;

    // Plain statements on the Vert.x pool, each one auto-committed round trip: this is the hot path of every webhook.
    private final Pool database;
    private final Map<String, MutinyEmitter<String>> emitters;
    // Concurrent webhooks share statements and commits: the receipt table is touched twice per webhook.
    private final GroupCommit<String, Boolean> claims =
            new GroupCommit<>(MAX_BATCH, MAX_BATCHES_IN_FLIGHT, this::claimAll);
    private final GroupCommit<String, Void> publishedMarks =
            new GroupCommit<>(MAX_BATCH, MAX_BATCHES_IN_FLIGHT, this::markAllPublished);
    // Concurrent webhooks share one trip to the key store (none while their people's keys are cached).
    private final GroupCommit<SubjectRef, Sealer> sealers;
    private final SensitiveDataRedactor redactor = new SensitiveDataRedactor();
    private final Traces traces;

    EventPublisher(
            Pool database,
            Traces traces,
            PersonalData personalData,
            @Channel("sms-events") MutinyEmitter<String> smsEvents,
            @Channel("call-events") MutinyEmitter<String> callEvents,
            @Channel("billing-events") MutinyEmitter<String> billingEvents,
            @Channel("rejected-webhooks") MutinyEmitter<String> rejectedWebhooks) {
        this.database = database;
        this.traces = traces;
        this.sealers = new GroupCommit<>(MAX_BATCH, MAX_BATCHES_IN_FLIGHT, people -> personalData
                .sealer(people)
                .map(sealer -> Collections.nCopies(people.size(), sealer)));
        this.emitters = Map.of(
                Topics.TELEPHONY_SMS, smsEvents,
                Topics.TELEPHONY_CALL, callEvents,
                Topics.BILLING_ACCOUNT, billingEvents,
                Topics.INGEST_REJECTED, rejectedWebhooks);
    }

    /**
     * Publishes the event once, a text's card and bank numbers redacted and its personal fields sealed first (an event type that carries personal data is only
     * ever published in its sealed version; when the key store is unavailable nothing is published, never in clear).
     *
     * @return true when published now, false when another copy of the same event was published
     */
    public Uni<Boolean> publishOnce(EventEnvelope<?> event) {
        Context context = Vertx.currentContext();
        // the webhook's trace, read while still on its request: the record carries it on to its consumers
        io.opentelemetry.context.Context trace = traces.ofRequest();
        // The claim and the person's key are independent trips to the database: made at the same time, a first
        // contact waits for one round trip instead of two.
        Uni<Boolean> claimed = claim(event.id()).memoize().indefinitely();
        return Uni.combine()
                .all()
                .unis(sealed(event).onFailure().call(() -> releaseIfClaimed(claimed, event.id())), claimed)
                .asTuple()
                .chain(sealedAndClaimed -> sealedAndClaimed.getItem2()
                        ? publishClaimed(sealedAndClaimed.getItem1(), trace)
                        : outcomeOfOtherCopy(sealedAndClaimed.getItem1(), trace, WAIT_STEPS))
                // the answers come on the database's and the broker's threads: finish on the request's context
                .emitOn(onContext(context));
    }

    /** Sealing failed (the key store is unavailable): give the claim back, so a retry of the webhook can publish. */
    private Uni<?> releaseIfClaimed(Uni<Boolean> claimed, String eventId) {
        return claimed.onFailure()
                .recoverWithItem(false)
                .chain(held -> held ? release(eventId) : Uni.createFrom().voidItem());
    }

    /** Card and bank numbers out of a text's body (as out of transcripts), then its personal fields sealed. */
    private Uni<EventEnvelope<?>> sealed(EventEnvelope<?> event) {
        if (!PersonalEvents.carriesPersonalData(event)) {
            return Uni.createFrom().item(event);
        }
        EventEnvelope<?> redacted = event.data() instanceof SmsReceived sms ? withBodyRedacted(event, sms) : event;
        return sealers.submit(PersonalEvents.subjectOf(redacted)).map(sealer -> PersonalEvents.seal(redacted, sealer));
    }

    private EventEnvelope<?> withBodyRedacted(EventEnvelope<?> event, SmsReceived sms) {
        RedactedText body = redactor.redact(sms.body());
        if (!body.changed()) {
            return event;
        }
        return event.withData(
                event.eventType(),
                new SmsReceived(
                        sms.messageId(),
                        sms.provider(),
                        sms.providerAccountId(),
                        sms.from(),
                        sms.to(),
                        body.text(),
                        sms.segmentCount(),
                        sms.optOutType(),
                        sms.receivedAt()));
    }

    private Uni<Boolean> publishClaimed(EventEnvelope<?> event, io.opentelemetry.context.Context trace) {
        return send(event, trace)
                .onFailure()
                .call(() -> release(event.id()))
                .chain(() -> markPublished(event.id()))
                .replaceWith(true);
    }

    /** Another copy holds the claim: wait (without blocking) until it is published, released or given up on. */
    private Uni<Boolean> outcomeOfOtherCopy(
            EventEnvelope<?> event, io.opentelemetry.context.Context trace, int stepsLeft) {
        return state(event.id()).chain(state -> {
            if ("PUBLISHED".equals(state)) {
                return Uni.createFrom().item(false);
            }
            if (state == null) { // the other copy failed and released its claim: try ourselves
                return claim(event.id())
                        .chain(claimed -> claimed
                                ? publishClaimed(event, trace)
                                : outcomeOfOtherCopy(event, trace, stepsLeft - 1));
            }
            if (stepsLeft <= 0) {
                return Uni.createFrom().failure(unavailable("a copy of this webhook is still being processed"));
            }
            return Uni.createFrom()
                    .voidItem()
                    .onItem()
                    .delayIt()
                    .by(WAIT_STEP)
                    .chain(() -> outcomeOfOtherCopy(event, trace, stepsLeft - 1));
        });
    }

    private static Executor onContext(Context context) {
        return context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
    }

    /** @return true when this call now holds the claim on the event id */
    private Uni<Boolean> claim(String eventId) {
        return claims.submit(eventId);
    }

    /**
     * One statement claims a whole batch. Of several copies of one id in the same batch only the first can hold the
     * claim; the others wait for its outcome like any concurrent copy.
     */
    private Uni<List<Boolean>> claimAll(List<String> eventIds) {
        String[] distinct = new LinkedHashSet<>(eventIds).toArray(String[]::new);
        return database.preparedQuery(
                        """
                        INSERT INTO webhook_receipt (event_id, state, claimed_at)
                        SELECT id, 'PENDING', now() FROM unnest($1::text[]) AS id
                        ON CONFLICT (event_id) DO UPDATE SET claimed_at = now()
                        WHERE webhook_receipt.state = 'PENDING'
                          AND webhook_receipt.claimed_at < now() - interval '%d seconds'
                        RETURNING event_id"""
                                .formatted(STALE_CLAIM_SECONDS))
                .execute(Tuple.of(distinct))
                .map(rows -> {
                    Set<String> claimed = new HashSet<>();
                    rows.forEach(row -> claimed.add(row.getString(0)));
                    List<Boolean> answers = new ArrayList<>(eventIds.size());
                    for (String id : eventIds) {
                        answers.add(claimed.remove(id)); // true for the first copy only
                    }
                    return answers;
                });
    }

    private Uni<String> state(String eventId) {
        return database.preparedQuery("SELECT state FROM webhook_receipt WHERE event_id = $1")
                .execute(Tuple.of(eventId))
                .map(EventPublisher::firstString);
    }

    private Uni<Void> markPublished(String eventId) {
        return publishedMarks.submit(eventId);
    }

    private Uni<List<Void>> markAllPublished(List<String> eventIds) {
        return database.preparedQuery("UPDATE webhook_receipt SET state = 'PUBLISHED' WHERE event_id = ANY($1::text[])")
                .execute(Tuple.of(eventIds.toArray(String[]::new)))
                .map(updated -> Collections.nCopies(eventIds.size(), null));
    }

    private Uni<Integer> release(String eventId) {
        return database.preparedQuery("DELETE FROM webhook_receipt WHERE event_id = $1 AND state = 'PENDING'")
                .execute(Tuple.of(eventId))
                .map(RowSet::rowCount);
    }

    private static String firstString(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? iterator.next().getString(0) : null;
    }

    private Uni<Void> send(EventEnvelope<?> event, io.opentelemetry.context.Context trace) {
        String topic = EventType.ofType(event.type()).orElseThrow().topic();
        MutinyEmitter<String> emitter = emitters.get(topic);
        if (emitter == null) {
            throw new IllegalStateException("no channel publishes to " + topic);
        }
        Message<String> message = traces.carrying(
                Message.of(EventCodec.encode(event))
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                                .withKey(event.subject())
                                .build()),
                trace);
        return emitter.sendMessage(message)
                .onFailure()
                .transform(failure -> unavailable("the event could not be stored; retry later"));
    }

    static ProblemException unavailable(String detail) {
        return new ProblemException(Problem.of(503, "event-log-unavailable", "The event log is unavailable", detail));
    }
}
