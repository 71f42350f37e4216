package io.consentmesh.runtime.outbox;

import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The base of every outbox publisher: a service declares which outbox it reads and how one row becomes an event;
 * this class owns the {@link OutboxRelay}, starts it with the application and stops it on shutdown. Subclasses are
 * {@code @Singleton} beans (a normal-scoped proxy would need a no-argument constructor).
 */
public abstract class OutboxPublisher {

    /** Where the outbox is and how it is read; see {@link OutboxRelay}. */
    public record Outbox(
            String name,
            /* the rows to send: "SELECT o.seq, ... FROM <table> o [JOIN ...]", the outbox aliased "o"; the batch's
            order, limit and lock are added here */
            String selectRows,
            /* the outbox table, with its bigint "seq": sent rows are deleted from it by seq */
            String table,
            int batch,
            Duration interval,
            /* the counter of published rows: name and description */
            String metric,
            String metricDescription) {}

    private final OutboxRelay relay;
    private final String table;

    protected OutboxPublisher(Pool database, Vertx vertx, MeterRegistry metrics, Outbox outbox) {
        this.table = outbox.table();
        this.relay = new OutboxRelay(
                database,
                vertx,
                new OutboxRelay.Spec(
                        outbox.name(),
                        outbox.selectRows() + " ORDER BY o.seq LIMIT " + outbox.batch()
                                + " FOR UPDATE OF o SKIP LOCKED",
                        "DELETE FROM " + outbox.table() + " WHERE seq = ANY($1)",
                        outbox.batch(),
                        outbox.interval(),
                        this::send,
                        Counter.builder(outbox.metric())
                                .description(outbox.metricDescription())
                                .register(metrics),
                        Counter.builder("mesh.outbox.set.aside")
                                .description("Outbox rows that could never be sent, set aside in outbox_set_aside")
                                .tag("outbox", outbox.table())
                                .register(metrics)));
        Gauge.builder("mesh.outbox.behind.seconds", relay, OutboxRelay::secondsBehind)
                .description("Seconds since this instance last emptied the outbox")
                .tag("outbox", outbox.table())
                .register(metrics);
    }

    /** Sends one locked row; the returned Uni completes once the broker has it. */
    protected abstract Uni<Void> send(Row row);

    void startRelay(@Observes StartupEvent started) {
        relay.start();
    }

    void stopRelay(@Observes ShutdownEvent stopping) {
        relay.stop();
    }

    /** Sends what the outbox holds now, unless a run is already doing so (e.g. right after a commit). */
    public void wake() {
        relay.wake();
    }

    /** Sends batches until the outbox is empty. @return how many rows were sent */
    public Uni<Long> drain() {
        return relay.drain();
    }

    /** Returns once every row committed before the call is on the topic, including rows another run is sending. */
    public Uni<Void> flush() {
        return relay.flush(table);
    }

    /** Sends {@code event} as structured JSON with {@code key}, completing once the broker has acknowledged it. */
    protected static Uni<Void> publish(MutinyEmitter<String> topic, EventEnvelope<?> event, String key) {
        return topic.sendMessage(Message.of(EventCodec.encode(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(key)
                        .build()));
    }
}
