package io.consentmesh.testkit.infra;

import static io.consentmesh.testkit.infra.KafkaAccessProbe.readAssigned;
import static io.consentmesh.testkit.infra.KafkaAccessProbe.readSubscribed;
import static io.consentmesh.testkit.infra.KafkaAccessProbe.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.consentmesh.contracts.KafkaLogin;
import io.consentmesh.contracts.Topics;
import io.consentmesh.testkit.MeshInfrastructure;
import io.consentmesh.testkit.infra.MeshKafkaAcls.ServiceAccess;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mesh's broker lets no one in without a login, and lets each principal do only what {@link MeshKafkaAcls} says:
 * against the real broker {@link MeshInfrastructure} starts (the same {@link KafkaBroker} and the same table as
 * {@code deploy/local/mesh.sh}). The refusals are tried by {@link KafkaAccessProbe}, which {@code deploy/local/smoke.sh}
 * runs against the local broker too.
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
    void noLoginAWrongPasswordAPrincipalWithoutAclsAndAServiceOutsideItsTopicsAreAllRefused() {
        Map<String, KafkaLogin> services = new HashMap<>();
        for (ServiceAccess service : MeshKafkaAcls.SERVICES) {
            services.put(
                    service.principal(), mesh.kafkaLogin(service.principal()).orElseThrow());
        }
        List<KafkaAccessProbe.Check> checks = new KafkaAccessProbe(
                        mesh.kafkaBootstrapServers(), mesh.kafkaLogin(null).orElseThrow(), services)
                .run();

        assertThat(checks).hasSize(2 + 2 * KafkaAccessProbe.PROBED_TOPICS.size() + 1 + MeshKafkaAcls.SERVICES.size());
        assertThat(checks).allSatisfy(check -> assertThat(check.refusedAsExpected())
                .as(check.toString())
                .isTrue());
    }

    @Test
    void theShortLivedTopicsAreKeptForABoundedTimeAndTheEvidenceForever() throws Exception {
        KafkaLogin admin = mesh.kafkaLogin(null).orElseThrow();
        try (Admin client = Admin.create(admin.clientConfig(mesh.kafkaBootstrapServers()))) {
            Map<String, String> retention = new HashMap<>();
            for (String topic : List.of(
                    Topics.TELEPHONY_SMS,
                    Topics.TELEPHONY_CALL,
                    Topics.CONSENT_REPLY_COMMAND,
                    Topics.DSAR_SMS_COMMAND,
                    Topics.CONSENT_EVIDENCE)) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                Config config = client.describeConfigs(List.of(resource))
                        .all()
                        .get(30, TimeUnit.SECONDS)
                        .get(resource);
                retention.put(topic, config.get(TopicConfig.RETENTION_MS_CONFIG).value());
            }

            String bounded = Long.toString(MeshKafkaAcls.rawTelephonyRetention().toMillis());
            assertThat(bounded)
                    .isEqualTo(Long.toString(java.time.Duration.ofDays(7).toMillis()));
            assertThat(retention)
                    .containsEntry(Topics.TELEPHONY_SMS, bounded)
                    .containsEntry(Topics.TELEPHONY_CALL, bounded)
                    .containsEntry(Topics.CONSENT_REPLY_COMMAND, bounded)
                    .containsEntry(Topics.DSAR_SMS_COMMAND, bounded)
                    .containsEntry(Topics.CONSENT_EVIDENCE, "-1");
        }
    }

    @Test
    void theProbeCallsAnAllowedAttemptAFailureAndFindsARefusalInsideItsCauses() {
        KafkaAccessProbe.Check allowed = new KafkaAccessProbe.Check("x", TopicAuthorizationException.class, null);
        KafkaAccessProbe.Check wrapped = new KafkaAccessProbe.Check(
                "y",
                TopicAuthorizationException.class,
                new IllegalStateException(new ExecutionException(new TopicAuthorizationException("no"))));
        KafkaAccessProbe.Check otherwise = new KafkaAccessProbe.Check(
                "z", TopicAuthorizationException.class, new IllegalStateException("broker down"));

        assertThat(allowed.refusedAsExpected()).isFalse();
        assertThat(allowed).hasToString("x: ALLOWED");
        assertThat(wrapped.refusedAsExpected()).isTrue();
        assertThat(otherwise.refusedAsExpected()).isFalse();
    }

    @Test
    void eachServiceProducesOnlyToTheTopicsItOwns() {
        for (ServiceAccess service : MeshKafkaAcls.SERVICES) {
            Map<String, Object> config = mesh.kafkaClientConfig(service.principal());
            for (String topic : Topics.ALL) {
                if (service.writes().contains(topic)) {
                    send(config, topic);
                } else {
                    assertThatThrownBy(() -> send(config, topic))
                            .as(service.principal() + " must not write " + topic)
                            .hasRootCauseInstanceOf(TopicAuthorizationException.class);
                }
            }
        }
    }

    @Test
    void dsarServiceCannotWriteEvidence() {
        assertThatThrownBy(() -> send(mesh.kafkaClientConfig("dsar-service"), Topics.CONSENT_EVIDENCE))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
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
        try (Producer<String, String> producer = new KafkaProducer<>(
                mesh.kafkaClientConfig("dsar-service"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.DSAR_TASK, key, "{}")).get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> consent = mesh.kafkaClientConfig("consent-service");

        assertThat(readSubscribed(consent, Topics.DSAR_TASK, "consent-service"))
                .extracting(ConsumerRecord::key)
                .contains(key);
        assertThatThrownBy(() -> readSubscribed(consent, Topics.DSAR_TASK, "dsar-service"))
                .isInstanceOf(GroupAuthorizationException.class);
    }
}
