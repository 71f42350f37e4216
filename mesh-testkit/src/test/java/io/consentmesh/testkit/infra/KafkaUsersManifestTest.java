package io.consentmesh.testkit.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.contracts.Topics;
import io.consentmesh.testkit.infra.MeshKafkaAcls.ServiceAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s/base/kafka/kafka-users.yaml states {@link MeshKafkaAcls} for Strimzi; this keeps the two the same. After
 * changing the table, rewrite the manifest with {@code -Dtestkit.write-kafka-users=true} (and review the diff).
 */
class KafkaUsersManifestTest {

    private static final Path MANIFEST = Path.of("../deploy/k8s/base/kafka/kafka-users.yaml");

    @Test
    void theStrimziUsersAreTheMeshAclTable() throws IOException {
        String expected = manifest();
        if (Boolean.getBoolean("testkit.write-kafka-users")) {
            Files.writeString(MANIFEST, expected);
        }
        assertThat(Files.readString(MANIFEST))
                .as("deploy/k8s/base/kafka/kafka-users.yaml differs from MeshKafkaAcls; rewrite it with"
                        + " -Dtestkit.write-kafka-users=true")
                .isEqualTo(expected);
    }

    static String manifest() {
        StringBuilder yaml = new StringBuilder(
                """
                # One Kafka principal per service, SCRAM-SHA-512, with the ACLs of mesh-testkit's MeshKafkaAcls
                # (generated from it by KafkaUsersManifestTest: edit the table, not this file). Strimzi's User
                # Operator keeps each password in a Secret named after the KafkaUser (key `password`), which the
                # service's Deployment reads as KAFKA_SASL_PASSWORD. The Kafka cluster 'mesh' needs a listener with
                # `authentication: {type: scram-sha-512}` and `authorization: {type: simple}` (issue 18).
                """);
        for (ServiceAccess service : MeshKafkaAcls.SERVICES) {
            yaml.append(
                    """
                    ---
                    apiVersion: kafka.strimzi.io/v1
                    kind: KafkaUser
                    metadata:
                      name: %s
                      labels:
                        strimzi.io/cluster: mesh
                    spec:
                      authentication:
                        type: scram-sha-512
                      authorization:
                        type: simple
                        acls:
                    """
                            .formatted(service.principal()));
            for (String topic : service.writes()) {
                acl(
                        yaml,
                        "topic",
                        topic,
                        service.reads().contains(topic) ? "Write, Read, Describe" : "Write, Describe");
            }
            for (String topic : service.reads()) {
                if (!service.writes().contains(topic)) {
                    acl(yaml, "topic", topic, "Read, Describe");
                }
            }
            if (service.clusterGroupPrefix() != null) {
                yaml.append("      - resource: { type: group, name: %s, patternType: prefix }%n"
                                .formatted(service.clusterGroupPrefix()))
                        .append("        operations: [Read]%n".formatted());
                continue;
            }
            for (String group : service.groups()) {
                acl(yaml, "group", group, "Read");
            }
        }
        return yaml.toString();
    }

    private static void acl(StringBuilder yaml, String type, String name, String operations) {
        yaml.append("      - resource: { type: %s, name: %s, patternType: literal }%n".formatted(type, name))
                .append("        operations: [%s]%n".formatted(operations));
    }

    @Test
    void everyServiceHasAUserAndOnlyMeshTopicsAreGranted() {
        assertThat(MeshKafkaAcls.SERVICES)
                .extracting(ServiceAccess::principal)
                .containsExactly(
                        "call-ingest-service",
                        "consent-service",
                        "retention-service",
                        "deletion-agent",
                        "dsar-service");
        assertThat(MeshKafkaAcls.SERVICES.stream().flatMap(s -> Stream.concat(s.writes().stream(), s.reads().stream())))
                .isSubsetOf(Topics.ALL);
    }
}
