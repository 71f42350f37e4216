package io.consentmesh.ingest.chaos;

import io.consentmesh.contracts.KafkaLogin;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the local mesh (deploy/local/mesh.sh) answers, and the operator's credentials a fault run uses: the
 * platform-admin API key, the broker's super-user (to read every topic, measure lag and rewind a group) and the
 * injection script that kills and starts its processes.
 */
record Mesh(
        URI ingest,
        URI consent,
        URI retention,
        URI dsar,
        URI storage,
        Map<String, URI> readiness,
        String bootstrap,
        KafkaLogin kafkaAdmin,
        String platformAdminKey,
        Path inject) {

    /** The local mesh's fixed addresses (127.0.0.1 only: a fault run never sends anywhere else). */
    static Mesh local(String platformAdminKey, String kafkaAdminPassword, Path inject) {
        Map<String, URI> readiness = new LinkedHashMap<>();
        readiness.put("call-ingest-service", URI.create("http://127.0.0.1:9181/q/health/ready"));
        readiness.put("consent-service", URI.create("http://127.0.0.1:9182/q/health/ready"));
        readiness.put("retention-service", URI.create("http://127.0.0.1:9183/q/health/ready"));
        readiness.put("dsar-service", URI.create("http://127.0.0.1:9184/q/health/ready"));
        readiness.put("deletion-agent", URI.create("http://127.0.0.1:9185/q/health/ready"));
        return new Mesh(
                URI.create("http://127.0.0.1:8081"),
                URI.create("http://127.0.0.1:8082"),
                URI.create("http://127.0.0.1:8083"),
                URI.create("http://127.0.0.1:8084"),
                URI.create("http://127.0.0.1:9000"),
                readiness,
                "127.0.0.1:9092",
                new KafkaLogin("admin", kafkaAdminPassword),
                platformAdminKey,
                inject);
    }

    Map<String, Object> kafkaConfig() {
        return kafkaAdmin.clientConfig(bootstrap);
    }
}
