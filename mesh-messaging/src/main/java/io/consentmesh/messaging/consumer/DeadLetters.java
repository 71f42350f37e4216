package io.consentmesh.messaging.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends one poison record of a batch to the service's dead-letter topic, as the connector's dead-letter failure
 * strategy does for single records (same key, value and {@code dead-letter-*} headers), so that a batch consumer can
 * set one bad event aside and apply the rest; the strategy itself would dead-letter the whole batch. A consumer makes
 * one from the emitter of its service's dead-letter channel.
 */
public final class DeadLetters {

    private final MutinyEmitter<String> deadLetters;
    private final Counter counted;

    /**
     * @param topic the topic the consumer reads, whose poison this sets aside: the {@code topic} of the counter
     *     {@code mesh.dead.letters}, registered at once so that a dashboard or alert on it has a series before the
     *     first poison (the dead-letter-growth alert watches it)
     */
    public DeadLetters(MutinyEmitter<String> deadLetters, String topic) {
        this.deadLetters = deadLetters;
        this.counted = counter(topic);
    }

    /** {@code mesh.dead.letters{topic}}: also counts what the connector dead-letters ({@link CountedDeadLetterQueue}). */
    static Counter counter(String topic) {
        return Counter.builder("mesh.dead.letters")
                .description(
                        "Poison records set aside on the service's dead-letter topic, by topic they were read from")
                .tag("topic", topic)
                .register(Metrics.globalRegistry);
    }

    /** Completes once the broker has the record. */
    public Uni<Void> send(KafkaRecord<String, String> record, Throwable reason) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, "dead-letter-reason", reason.getMessage());
        header(headers, "dead-letter-exception-class-name", reason.getClass().getName());
        header(headers, "dead-letter-topic", record.getTopic());
        header(headers, "dead-letter-partition", Integer.toString(record.getPartition()));
        record.getMetadata(IncomingKafkaRecordMetadata.class)
                .ifPresent(incoming -> header(headers, "dead-letter-offset", Long.toString(incoming.getOffset())));
        counted.increment();
        return deadLetters.sendMessage(Message.of(record.getPayload())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(record.getKey())
                        .withHeaders(headers)
                        .build()));
    }

    private static void header(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
