package io.consentmesh.messaging.consumer;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * The Kafka connector's dead-letter queue, counted: a single-record channel with
 * {@code failure-strategy=counted-dead-letter-queue} sets a refused record aside exactly as
 * {@code dead-letter-queue} does (the same {@code dead-letter-queue.*} settings, topic and headers) and counts it,
 * once it is on the dead-letter topic, in {@code mesh.dead.letters{topic}} — the counter the batch consumers'
 * {@link DeadLetters} keep, so the dead-letter-growth alert sees every record set aside however it was.
 */
@ApplicationScoped
@Identifier(CountedDeadLetterQueue.STRATEGY)
public class CountedDeadLetterQueue implements KafkaFailureHandler.Factory {

    public static final String STRATEGY = "counted-dead-letter-queue";

    private final KafkaFailureHandler.Factory deadLetterQueue;

    CountedDeadLetterQueue(@Identifier("dead-letter-queue") KafkaFailureHandler.Factory deadLetterQueue) {
        this.deadLetterQueue = deadLetterQueue;
    }

    @Override
    public KafkaFailureHandler create(
            KafkaConnectorIncomingConfiguration config,
            Vertx vertx,
            KafkaConsumer<?, ?> consumer,
            BiConsumer<Throwable, Boolean> reportFailure) {
        KafkaFailureHandler setAside = deadLetterQueue.create(config, vertx, consumer, reportFailure);
        // a series from the start, so that alerts and dashboards have one at 0
        config.getTopic().ifPresent(DeadLetters::counter);
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                return setAside.handle(record, reason, metadata)
                        .invoke(() -> DeadLetters.counter(record.getTopic()).increment());
            }

            @Override
            public void terminate() {
                setAside.terminate();
            }
        };
    }
}
