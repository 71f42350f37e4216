package io.consentmesh.consent.audit;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code consent.evidence.v1} from its beginning up to the end offsets it finds when it starts, for the audits
 * that work from the log alone. A plain consumer without a group: an audit never moves anyone's offsets.
 */
public final class EvidenceLog {

    private EvidenceLog() {}

    /**
     * @param kafka client properties: {@code bootstrap.servers} and the login of a principal that may read the topic
     * @param progress told the number of events read so far, every 100,000 events
     * @return how many events were read
     */
    public static long read(Map<String, ?> kafka, Consumer<EventEnvelope<?>> sink, LongConsumer progress) {
        return read(kafka, Topics.CONSENT_EVIDENCE, sink, progress);
    }

    /** The same, from a copy of the topic under another name (a restored archive, a benchmark). */
    public static long read(
            Map<String, ?> kafka, String topic, Consumer<EventEnvelope<?>> sink, LongConsumer progress) {
        Properties config = new Properties();
        config.putAll(kafka);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(64 * 1024 * 1024));
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(16 * 1024 * 1024));
        long events = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            end.values().removeIf(offset -> offset == 0);
            long nextReport = 100_000;
            while (!end.isEmpty()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    Long last = end.get(new TopicPartition(record.topic(), record.partition()));
                    if (last == null || record.offset() >= last) {
                        continue; // written after the audit started
                    }
                    sink.accept(EventCodec.decode(record.value()));
                    events++;
                }
                // by position, not by the last record seen: an offset may hold no record (e.g. a transaction marker)
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
                if (events >= nextReport) {
                    progress.accept(events);
                    nextReport += 100_000;
                }
            }
        }
        return events;
    }
}
