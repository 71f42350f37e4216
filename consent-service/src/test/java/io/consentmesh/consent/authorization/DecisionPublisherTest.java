package io.consentmesh.consent.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.ConsentApi;
import io.consentmesh.consent.ConsentDatabase;
import io.consentmesh.consent.TestEvents;
import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.consent.AuthorizationDecided;
import io.consentmesh.contracts.consent.DecisionOutcome;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.schema.EventSchemas;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every stored decision reaches consent.decision.v1, once the broker acknowledged it, from the outbox. */
@QuarkusTest
@MeshTest
class DecisionPublisherTest {

    private static final Duration AT_MOST = Duration.ofSeconds(30);
    private static KafkaTestClient kafka;

    @Inject
    SubjectKeys keys;

    @Inject
    AgroalDataSource db;

    @Inject
    DecisionPublisher publisher;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.connect();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void every_decision_is_published_keyed_by_the_person_with_its_reasons_and_evidence() {
        String allowed = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(allowed);
        String allowId = ConsentApi.authorize(allowed, "SMS", TestEvents.SENDER_A)
                .extract()
                .path("decisionId");
        String denyId = ConsentApi.authorize(TestNumbers.randomUs(), "SMS", TestEvents.SENDER_A)
                .extract()
                .path("decisionId");

        EventEnvelope<AuthorizationDecided> allow = published(allowId);
        assertThat(allow.data().outcome()).isEqualTo(DecisionOutcome.ALLOW);
        assertThat(allow.data().reasons()).containsExactly("CONSENT_ON_RECORD");
        assertThat(allow.data().evidenceIds()).hasSize(1);
        assertThat(allow.data().sender()).isEqualTo(TestEvents.SENDER_A);
        assertThat(allow.data().ruleSetVersion()).isEqualTo("2026.12");
        assertThat(allow.data().validUntil())
                .as("an ALLOW says until when it holds")
                .isAfter(allow.data().decidedAt());
        assertThat(allow.subject())
                .isEqualTo(keys.subjectOf(TestEvents.TENANT, allowed).value());

        EventEnvelope<AuthorizationDecided> deny = published(denyId);
        assertThat(deny.data().outcome()).isEqualTo(DecisionOutcome.DENY);
        assertThat(deny.data().reasons()).containsExactly("NO_CONSENT", "PURPOSE_NOT_PERMITTED");
        assertThat(deny.data().evidenceIds()).isEmpty();

        await("the outbox is emptied once the broker acknowledged")
                .atMost(AT_MOST)
                .until(() -> ConsentDatabase.count(
                                db,
                                "SELECT count(*) FROM consent.decision_outbox WHERE decision_id IN (?, ?)",
                                UUID.fromString(allowId),
                                UUID.fromString(denyId))
                        == 0);
    }

    @Test
    void a_decision_published_again_after_a_failed_delete_carries_the_same_event_id() {
        String denyId = ConsentApi.authorize(TestNumbers.randomUs(), "SMS", TestEvents.SENDER_B)
                .extract()
                .path("decisionId");
        EventEnvelope<AuthorizationDecided> first = published(denyId);

        // As if the instance died between the broker's acknowledgement and the delete: the row is back in the outbox.
        ConsentDatabase.count(
                db,
                "WITH again AS (INSERT INTO consent.decision_outbox (decision_id) VALUES (?) RETURNING 1)"
                        + " SELECT count(*) FROM again",
                UUID.fromString(denyId));
        publisher.drain().await().atMost(AT_MOST);

        List<ConsumerRecord<String, String>> copies =
                kafka.await(Topics.CONSENT_DECISION, r -> r.value().contains(denyId), 2, AT_MOST);
        assertThat(copies)
                .extracting(r -> EventCodec.decode(r.value()).id())
                .as("downstream consumers de-duplicate by event id")
                .containsOnly(first.id());
    }

    @Test
    void decisions_stored_by_one_statement_each_get_an_outbox_row_and_are_published() throws Exception {
        String original = ConsentApi.authorize(TestNumbers.randomUs(), "SMS", TestEvents.SENDER_A)
                .extract()
                .path("decisionId");
        published(original);

        // the authorizer stores concurrent requests' decisions with one statement: the trigger runs once for all
        List<String> copies = new ArrayList<>();
        try (Connection connection = db.getConnection();
                PreparedStatement copy = connection.prepareStatement("INSERT INTO consent.decision"
                        + " SELECT (jsonb_populate_record(d, jsonb_build_object('id', gen_random_uuid()))).*"
                        + " FROM consent.decision d, generate_series(1, 3) WHERE d.id = ? RETURNING id")) {
            copy.setObject(1, UUID.fromString(original));
            try (ResultSet ids = copy.executeQuery()) {
                while (ids.next()) {
                    copies.add(ids.getString(1));
                }
            }
        }

        assertThat(copies).hasSize(3);
        assertThat(ConsentDatabase.count(
                        db,
                        "SELECT count(*) FROM pg_trigger WHERE tgname = 'decisions_to_outbox'"
                                + " AND tgrelid = 'consent.decision'::regclass AND (tgtype & 1) = 0"))
                .as("one statement-level trigger (tgtype bit 0 clear), not one call per row")
                .isEqualTo(1);
        copies.forEach(DecisionPublisherTest::published);
        await("the outbox is emptied once the broker acknowledged")
                .atMost(AT_MOST)
                .until(() -> ConsentDatabase.count(
                                db,
                                "SELECT count(*) FROM consent.decision_outbox WHERE decision_id = ANY(?::uuid[])",
                                "{" + String.join(",", copies) + "}")
                        == 0);
    }

    private static EventEnvelope<AuthorizationDecided> published(String decisionId) {
        ConsumerRecord<String, String> record = kafka.await(
                        Topics.CONSENT_DECISION, r -> r.value().contains(decisionId), 1, AT_MOST)
                .get(0);
        assertThat(new EventSchemas().violations(record.value())).isEmpty();
        EventEnvelope<AuthorizationDecided> event = EventCodec.decode(record.value(), AuthorizationDecided.class);
        assertThat(record.key()).isEqualTo(event.subject());
        return event;
    }
}
