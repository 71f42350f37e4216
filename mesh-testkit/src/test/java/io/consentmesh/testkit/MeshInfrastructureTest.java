package io.consentmesh.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.testkit.kafka.KafkaTestClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MeshInfrastructureTest {

    @Test
    void startsARealBrokerThatKeepsWhatItAcknowledged() {
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.createTopic("testkit.self-check.v1", 1);
            kafka.send("testkit.self-check.v1", "subject-1", "{\"hello\":1}");
            kafka.send("testkit.self-check.v1", "subject-1", "{\"hello\":2}");

            assertThat(kafka.await("testkit.self-check.v1", r -> true, 2, Duration.ofSeconds(30)))
                    .extracting(r -> r.value())
                    .containsExactly("{\"hello\":1}", "{\"hello\":2}");
        }
    }

    @Test
    void startsARealPostgresThatAcceptsThePasswordItWasGiven() throws Exception {
        MeshInfrastructure.Database db = MeshInfrastructure.get().database();
        ProcessBuilder psql = new ProcessBuilder(List.of(
                        "psql",
                        "-h",
                        db.host(),
                        "-p",
                        String.valueOf(db.port()),
                        "-U",
                        db.user(),
                        "-d",
                        db.name(),
                        "-tAc",
                        "select current_database() || ' ' || current_user"))
                .redirectErrorStream(true);
        psql.environment().put("PGPASSWORD", db.password());
        Process process = psql.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(new String(process.getInputStream().readAllBytes()).trim()).isEqualTo("mesh mesh");
        assertThat(process.exitValue()).isZero();
    }
}
