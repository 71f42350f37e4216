package io.consentmesh.testkit.kafka;

import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.testkit.MeshInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Produces to and reads from the real test broker, the way another service of the mesh would. It logs in as whoever
 * its client properties say: {@link #connect()} as the test broker's admin, which may touch any topic and group.
 */
public final class KafkaTestClient implements AutoCloseable {

    private final Map<String, Object> clientConfig;
    private final KafkaProducer<String, String> producer;

    /** A client of a broker that takes no login; mesh brokers need {@link #KafkaTestClient(Map)}. */
    public KafkaTestClient(String bootstrapServers) {
        this(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** @param clientConfig {@code bootstrap.servers} and the login (e.g. {@code KafkaLogin.clientConfig}) */
    public KafkaTestClient(Map<String, Object> clientConfig) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.producer = new KafkaProducer<>(with(
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class));
    }

    /** A client for the broker of {@link MeshInfrastructure}, logged in as its admin. */
    public static KafkaTestClient connect() {
        return new KafkaTestClient(MeshInfrastructure.get().kafkaClientConfig());
    }

    /** The client properties plus {@code settings} (name, value, name, value, ...). */
    private Map<String, Object> with(Object... settings) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        for (int i = 0; i < settings.length; i += 2) {
            config.put((String) settings[i], settings[i + 1]);
        }
        return config;
    }

    /** Sends an event keyed by its subject and waits for the broker's acknowledgement. @return where it landed */
    public RecordMetadata send(EventEnvelope<?> event) {
        return send(
                io.consentmesh.contracts.envelope.EventType.ofType(event.type())
                        .orElseThrow()
                        .topic(),
                event.subject(),
                EventCodec.encode(event));
    }

    /** Sends any value (a poison event, say) and waits for the broker's acknowledgement. */
    public RecordMetadata send(String topic, String key, String value) {
        return send(topic, key, value, Map.of());
    }

    /** Sends any value with record headers and waits for the broker's acknowledgement. */
    public RecordMetadata send(String topic, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    /** Every record now on the topic, from the beginning (up to the end offsets seen when it starts). */
    public List<ConsumerRecord<String, String>> readAll(String topic) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        readEach(topic, records::add);
        return records;
    }

    /**
     * Hands every record now on the topic to {@code action}, from the beginning, without keeping them: a load test's
     * topic holds more than a heap.
     *
     * @return how many records were read
     */
    public long readEach(String topic, java.util.function.Consumer<ConsumerRecord<String, String>> action) {
        return readEach(topic, "read_committed", action);
    }

    /**
     * {@link #readEach}, aborted transactions' records included: what is physically on the topic (for a census of
     * its contents, not for what a consumer acts on).
     */
    public long readEachStored(String topic, java.util.function.Consumer<ConsumerRecord<String, String>> action) {
        return readEach(topic, "read_uncommitted", action);
    }

    /** The names of the topics the login may describe, the broker's internal ones ({@code __…}) left out. */
    public java.util.Set<String> topics() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(with(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class))) {
            return consumer.listTopics(Duration.ofSeconds(30)).keySet().stream()
                    .filter(topic -> !topic.startsWith("__"))
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    private long readEach(
            String topic, String isolation, java.util.function.Consumer<ConsumerRecord<String, String>> action) {
        // no group: assigned partitions, nothing committed, so a login that may only read the topic can do it
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(with(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                isolation,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long read = 0;
            // Gives up only after 20 s without a new record, so a large topic is read to its end however long it is.
            long lastProgress = System.nanoTime();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() - lastProgress < TimeUnit.SECONDS.toNanos(20)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    action.accept(record);
                    read++;
                    lastProgress = System.nanoTime();
                }
            }
            return read;
        }
    }

    /** Waits until at least {@code count} records on the topic match, and returns the matching ones. */
    public List<ConsumerRecord<String, String>> await(
            String topic, Predicate<ConsumerRecord<String, String>> match, int count, Duration atMost) {
        List<List<ConsumerRecord<String, String>>> found = new ArrayList<>();
        Awaitility.await("at least " + count + " matching records on " + topic)
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    List<ConsumerRecord<String, String>> matching =
                            readAll(topic).stream().filter(match).collect(Collectors.toList());
                    found.clear();
                    found.add(matching);
                    return matching.size() >= count;
                });
        return found.get(0);
    }

    /** The value of a record header as text, or null. */
    /**
     * The offset a consumer group has committed on a partition (the next record it will read), or -1 when none: a
     * consumer that applies records but never commits would read them all again after a restart.
     */
    public long committedOffset(String group, String topic, int partition) {
        TopicPartition where = new TopicPartition(topic, partition);
        try (Admin admin = Admin.create(clientConfig)) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS)
                    .get(where);
            return committed == null ? -1 : committed.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the offsets of " + group, e);
        }
    }

    /**
     * How many records the consumer groups that have members now have still to commit, summed over every partition
     * they have committed on: 0 once every running consumer has applied all it was sent.
     */
    public long lagOfActiveGroups() {
        try (Admin admin = Admin.create(clientConfig);
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(with(
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                        StringDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                        StringDeserializer.class))) {
            List<String> groups = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                    .map(listing -> listing.groupId())
                    .toList();
            long lag = 0;
            for (var group : admin.describeConsumerGroups(groups)
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .values()) {
                if (group.members().isEmpty()) {
                    continue; // a group of a consumer that is gone (an earlier run's) is nobody's work
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS);
                Map<TopicPartition, Long> end = consumer.endOffsets(committed.keySet());
                for (var partition : committed.entrySet()) {
                    lag += Math.max(
                            0,
                            end.get(partition.getKey()) - partition.getValue().offset());
                }
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the consumer groups' offsets", e);
        }
    }

    /**
     * Creates a topic outside the mesh's own (those exist from the start) unless it is there: the broker creates none
     * on first use.
     */
    public void createTopic(String topic, int partitions) {
        try (Admin admin = Admin.create(clientConfig)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create " + topic, e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not create " + topic, e);
        }
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
