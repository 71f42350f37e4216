package io.consentmesh.consent.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.ConsentApi;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.testkit.MeshInfrastructure;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Poison never blocks a queue (issue 20): a consent whose evidence is too large for the broker was accepted and then
 * held the evidence outbox for every tenant, retried forever at its head. Now the row is set aside with its reason
 * and the records behind it are published. The API refuses a disclosure longer than 20,000 characters, so the tests
 * give the evidence producer a smaller record limit (32 KiB) than a broker's: an accepted consent still exceeds it.
 */
@QuarkusTest
@MeshTest
class OutboxPoisonTest {

    @Inject
    SubjectKeys keys;

    @Inject
    AgroalDataSource db;

    @Test
    void anEventTooLargeForTheBrokerIsSetAsideWithItsReasonAndTheRecordsBehindItArePublished() throws Exception {
        String tenant = "poison-" + UUID.randomUUID(); // its own: the set-aside record leaves a gap in its topic chain
        String big = TestNumbers.randomUs();
        String after = TestNumbers.randomUs();
        // 19,000 characters (within the API's limit) of three bytes each: about 57 KB, sealed larger still
        ConsentApi.recordSmsOptIn(tenant, big, Map.of("disclosureText", "€".repeat(19_000)));
        ConsentApi.recordSmsOptIn(tenant, after);

        String afterSubject = keys.subjectOf(new TenantId(tenant), after).value();
        try (KafkaTestClient kafka =
                new KafkaTestClient(MeshInfrastructure.get().kafkaClientConfig("consent-service"))) {
            assertThat(kafka.await("consent.evidence.v1", r -> afterSubject.equals(r.key()), 1, Duration.ofSeconds(30)))
                    .as("the record behind the oversized one is published")
                    .hasSize(1);
        }
        String bigSubject = keys.subjectOf(new TenantId(tenant), big).value();
        try (Connection connection = db.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT outbox, reason FROM"
                        + " consent.outbox_set_aside WHERE trim(content->>'subject_id') = ?")) {
            query.setString(1, bigSubject);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("set aside, not lost").isTrue();
                assertThat(row.getString("outbox")).isEqualTo("evidence outbox");
                assertThat(row.getString("reason")).contains("RecordTooLargeException");
            }
        }
    }
}
