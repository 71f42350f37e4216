package io.consentmesh.consent.authorization.interactions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.consentmesh.consent.ConsentApi;
import io.consentmesh.consent.TestEvents;
import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.contracts.dsar.DsarRequestType;
import io.consentmesh.contracts.dsar.DsarTaskIssued;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.CallbackRequested;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The facts besides consent that the authorizer reads, fed by the real broker and the API, read from PostgreSQL. */
@QuarkusTest
@MeshTest
class InteractionsTest {

    private static final Duration AT_MOST = Duration.ofSeconds(30);
    private static KafkaTestClient kafka;

    @Inject
    SubjectKeys keys;

    @Inject
    Interactions interactions;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.connect();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void the_latest_inbound_message_is_kept_whatever_order_the_copies_arrive_in() {
        String person = TestNumbers.randomUs();
        SubjectId subject = keys.subjectOf(TestEvents.TENANT, person);
        EventEnvelope<SmsReceived> later = TestEvents.sms(keys, person, TestEvents.SENDER_A, "what time is it open?");
        Instant laterAt = later.data().receivedAt().truncatedTo(ChronoUnit.MICROS);
        EventEnvelope<SmsReceived> earlier = TestEvents.sms(keys, person, TestEvents.SENDER_A, "hi");
        EventEnvelope<SmsReceived> earlierCopy = withReceivedAt(earlier, laterAt.minus(Duration.ofHours(1)));

        kafka.send(later);
        kafka.send(earlierCopy); // older, arriving after: must not move the time back
        kafka.send(later); // a redelivery

        await("the inbound message is known")
                .atMost(AT_MOST)
                .untilAsserted(() -> assertThat(facts(subject).lastInbound()).isEqualTo(laterAt));
    }

    @Test
    void a_callback_request_from_the_agent_runtime_is_kept() {
        String person = TestNumbers.randomUs();
        SubjectId subject = keys.subjectOf(TestEvents.TENANT, person);
        Instant askedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CallbackRequested callback = new CallbackRequested("CA-" + UUID.randomUUID(), Provider.TWILIO, null, askedAt);
        kafka.send(EventEnvelope.of(
                EventIds.of("runtime", "callback", callback.callId()),
                URI.create("/call-ingest/runtime"),
                TestEvents.TENANT,
                subject,
                askedAt,
                callback));

        await("the callback request is known").atMost(AT_MOST).untilAsserted(() -> assertThat(
                        facts(subject).callbackRequestedAt())
                .isEqualTo(askedAt));
    }

    @Test
    void g04_the_do_not_contact_list_adds_once_reads_and_removes() {
        String person = TestNumbers.randomUs();
        String path = "/v1/tenants/acme/do-not-contact/" + person;
        given().contentType(ContentType.JSON)
                .body(Map.of("reason", "asked by phone"))
                .put(path)
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON).body("{}").put(path).then().statusCode(200);
        given().get(path).then().statusCode(200).body("listed", equalTo(true));
        assertThat(facts(keys.subjectOf(TestEvents.TENANT, person)).doNotContactSince())
                .isNotNull();

        given().delete(path).then().statusCode(204);
        given().delete(path).then().statusCode(404).contentType("application/problem+json");
        given().get(path).then().statusCode(404);
        given().get("/v1/tenants/acme/do-not-contact/555-NOPE")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void a_restriction_request_restricts_processing_until_it_is_lifted() {
        String person = TestNumbers.randomUs();
        SubjectId subject = keys.subjectOf(TestEvents.TENANT, person);
        EventEnvelope<DsarTaskIssued> task = TestEvents.dsarTask(subject, DsarRequestType.RESTRICTION);
        kafka.send(task);
        kafka.send(task);

        await("the restriction applies")
                .atMost(AT_MOST)
                .until(() -> facts(subject).restrictedSince() != null);

        given().delete("/v1/tenants/acme/processing-restrictions/" + person)
                .then()
                .statusCode(204);
        assertThat(facts(subject).restrictedSince()).isNull();
    }

    @Test
    void allowed_sends_count_as_recent_contacts_and_denied_ones_do_not() {
        String person = TestNumbers.randomUs();
        SubjectId subject = keys.subjectOf(TestEvents.TENANT, person);
        ConsentApi.authorize(person, "SMS", TestEvents.SENDER_A).body("outcome", equalTo("DENY"));
        ConsentApi.recordSmsOptIn(person);
        ConsentApi.authorize(person, "SMS", TestEvents.SENDER_A).body("outcome", equalTo("ALLOW"));
        ConsentApi.authorize(person, "SMS", TestEvents.SENDER_B).body("outcome", equalTo("ALLOW"));

        assertThat(facts(subject).recentContacts()).hasSize(2);
    }

    @Test
    void tz04_only_the_latest_contacts_a_cap_can_count_are_gathered() {
        String person = TestNumbers.randomUs();
        SubjectId subject = keys.subjectOf(TestEvents.TENANT, person);
        ConsentApi.recordSmsOptIn(person);
        for (int i = 0; i < 4; i++) { // four planned sends, an hour apart: four contacts reserved
            ConsentApi.authorizeAt(
                            person, "SMS", TestEvents.SENDER_A, ConsentApi.DAYTIME_TOMORROW.plusSeconds(3600 * i))
                    .body("outcome", equalTo("ALLOW"));
        }
        Instant since = Instant.now().minus(Duration.ofDays(1));
        Instant sendsPlannedFor = Instant.now().plus(Duration.ofDays(3));

        assertThat(interactions
                        .factsOf(
                                TestEvents.TENANT, subject, since, sendsPlannedFor, 3, Channel.SMS, TestEvents.SENDER_B)
                        .await()
                        .atMost(AT_MOST)
                        .recentContacts())
                .as("the largest cap is 3: a fourth older contact changes no answer")
                .hasSize(3)
                .isSorted();
        assertThat(interactions
                        .factsOf(TestEvents.TENANT, subject, since, Instant.now(), 3, Channel.SMS, TestEvents.SENDER_B)
                        .await()
                        .atMost(AT_MOST)
                        .recentContacts())
                .as("sends planned after the instant asked about are not contacts before it")
                .isEmpty();
    }

    private PersonFacts facts(SubjectId subject) {
        return interactions
                .factsOf(
                        TestEvents.TENANT,
                        subject,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(3)),
                        10,
                        Channel.SMS,
                        TestEvents.SENDER_B)
                .await()
                .atMost(AT_MOST);
    }

    private static EventEnvelope<SmsReceived> withReceivedAt(EventEnvelope<SmsReceived> event, Instant at) {
        SmsReceived sms = event.data();
        SmsReceived moved = new SmsReceived(
                sms.messageId(),
                sms.provider(),
                sms.providerAccountId(),
                sms.from(),
                sms.to(),
                sms.body(),
                sms.segmentCount(),
                sms.optOutType(),
                at);
        return EventEnvelope.of(event.id(), event.source(), event.tenantId(), event.subjectId(), at, moved);
    }
}
