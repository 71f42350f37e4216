package io.consentmesh.testkit.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.consentmesh.contracts.KafkaLogin;
import io.consentmesh.contracts.Topics;
import io.consentmesh.testkit.MeshInfrastructure;
import io.consentmesh.testkit.infra.MeshKafkaAcls.ServiceAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mesh's broker lets no one in without a login, and lets each principal do only what {@link MeshKafkaAcls} says:
 * against the real broker {@link MeshInfrastructure} starts (the same {@link KafkaBroker} and the same table as
 * {@code deploy/local/mesh.sh}).
 */
class MeshKafkaAclsTest {

    private static MeshInfrastructure mesh;

    @BeforeAll
    static void brokerOfOurOwn() {
        mesh = MeshInfrastructure.get();
        assumeThat(mesh.canStageKafkaOutage())
                .as("a broker named by MESH_TEST_KAFKA_BOOTSTRAP_SERVERS may not have the mesh's ACLs")
                .isTrue();
    }

    @Test
    void aClientWithoutALoginCannotProduce() {
        Map<String, Object> anonymous = Map.of("bootstrap.servers", mesh.kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer = producer(anonymous)) {
            // the SASL listener drops a client that does not start the handshake: no metadata, ever
            assertThatThrownBy(() -> send(producer, Topics.TELEPHONY_SMS))
                    .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> wrong =
                new KafkaLogin("dsar-service", "not-its-password").clientConfig(mesh.kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer = producer(wrong)) {
            assertThatThrownBy(() -> send(producer, Topics.DSAR_TASK))
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aPrincipalWithoutAclsCanNeitherProduceNorRead() throws Exception {
        KafkaLogin stranger = new KafkaLogin(
                "stranger-" + UUID.randomUUID(), UUID.randomUUID().toString());
        try (Admin admin = Admin.create(mesh.kafkaClientConfig())) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                            stranger.username(),
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                            stranger.password())))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> config = stranger.clientConfig(mesh.kafkaBootstrapServers());

        for (String topic : List.of(Topics.TELEPHONY_SMS, Topics.CONSENT_EVIDENCE, Topics.DSAR_TASK)) {
            try (KafkaProducer<String, String> producer = producer(config)) {
                assertThatThrownBy(() -> send(producer, topic))
                        .as("produce to " + topic)
                        .hasRootCauseInstanceOf(TopicAuthorizationException.class);
            }
            assertThatThrownBy(() -> readAssigned(config, topic))
                    .as("read " + topic)
                    .isInstanceOf(TopicAuthorizationException.class);
        }
        // joining a group: the topic is refused first (the group is, too: see the test of a service in another's group)
        assertThatThrownBy(() -> readSubscribed(config, Topics.TELEPHONY_SMS, "consent-service"))
                .isInstanceOf(AuthorizationException.class);
    }

    @Test
    void eachServiceProducesOnlyToTheTopicsItOwns() {
        for (ServiceAccess service : MeshKafkaAcls.SERVICES) {
            try (KafkaProducer<String, String> producer = producer(mesh.kafkaClientConfig(service.principal()))) {
                for (String topic : Topics.ALL) {
                    if (service.writes().contains(topic)) {
                        send(producer, topic);
                    } else {
                        assertThatThrownBy(() -> send(producer, topic))
                                .as(service.principal() + " must not write " + topic)
                                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
                    }
                }
            }
        }
    }

    @Test
    void dsarServiceCannotWriteEvidence() {
        try (KafkaProducer<String, String> producer = producer(mesh.kafkaClientConfig("dsar-service"))) {
            assertThatThrownBy(() -> send(producer, Topics.CONSENT_EVIDENCE))
                    .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void eachServiceReadsOnlyTheTopicsItConsumes() {
        for (ServiceAccess service : MeshKafkaAcls.SERVICES) {
            Map<String, Object> config = mesh.kafkaClientConfig(service.principal());
            for (String topic : Topics.ALL) {
                if (service.reads().contains(topic)) {
                    readAssigned(config, topic);
                } else {
                    assertThatThrownBy(() -> readAssigned(config, topic))
                            .as(service.principal() + " must not read " + topic)
                            .isInstanceOf(TopicAuthorizationException.class);
                }
            }
        }
    }

    @Test
    void aServiceReadsWhatItConsumesInItsOwnGroupButNotInAnothers() throws Exception {
        String key = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = producer(mesh.kafkaClientConfig("dsar-service"))) {
            producer.send(new ProducerRecord<>(Topics.DSAR_TASK, key, "{}")).get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> consent = mesh.kafkaClientConfig("consent-service");

        assertThat(readSubscribed(consent, Topics.DSAR_TASK, "consent-service"))
                .extracting(ConsumerRecord::key)
                .contains(key);
        assertThatThrownBy(() -> readSubscribed(consent, Topics.DSAR_TASK, "dsar-service"))
                .isInstanceOf(GroupAuthorizationException.class);
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> login) {
        Map<String, Object> config = new HashMap<>(login);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // a refusal arrives with the first metadata answer; only a client that cannot connect waits this long
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return new KafkaProducer<>(config);
    }

    private static void send(KafkaProducer<String, String> producer, String topic) {
        try {
            producer.send(new ProducerRecord<>(topic, "acl-test", "{}")).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not send to " + topic, e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the topic's first partition without a group: only the topic's ACLs count. */
    private static void readAssigned(Map<String, Object> login, String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(login, null)) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(List.of(new TopicPartition(topic, 0)));
            consumer.poll(Duration.ofMillis(500));
        }
    }

    /** Joins {@code group} and reads until something comes (or 30 s pass), committing nothing. */
    private static List<ConsumerRecord<String, String>> readSubscribed(
            Map<String, Object> login, String topic, String group) {
        try (KafkaConsumer<String, String> consumer = consumer(login, group)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                List<ConsumerRecord<String, String>> records = new ArrayList<>();
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                if (!records.isEmpty()) {
                    return records;
                }
            }
            return List.of();
        }
    }

    private static KafkaConsumer<String, String> consumer(Map<String, Object> login, String group) {
        Map<String, Object> config = new HashMap<>(login);
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaConsumer<>(config);
    }
}
