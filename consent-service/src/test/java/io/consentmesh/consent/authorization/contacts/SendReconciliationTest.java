package io.consentmesh.consent.authorization.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.ConsentApi;
import io.consentmesh.consent.ConsentDatabase;
import io.consentmesh.consent.TestEvents;
import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.CallDirection;
import io.consentmesh.contracts.telephony.CallStatus;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.contracts.telephony.MessageStatus;
import io.consentmesh.contracts.telephony.MessageStatusChanged;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, item 1, through the real broker and database: every message sent and call placed, as the providers' status
 * events show them, is matched to the decisions made for it. A contact the decisions did not allow is a violation on
 * {@code consent.violation.v1} with its ledger evidence; one an ALLOW allowed uses that ALLOW's reservation, and the
 * frequency caps count contacts made, not questions asked.
 */
@QuarkusTest
@MeshTest
class SendReconciliationTest {

    private static final Duration AT_MOST = Duration.ofSeconds(30);
    private static final ZoneId EASTERN = ZoneId.of("America/New_York");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaTestClient kafka;

    @Inject
    SubjectKeys keys;

    @Inject
    AgroalDataSource db;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.connect();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void a_send_after_a_deny_raises_a_violation_once_however_often_its_status_comes() {
        String person = TestNumbers.randomUs(); // no consent: every ask is denied
        String denied = decisionOf(person, "DENY");

        EventEnvelope<MessageStatusChanged> sent = sms(person, MessageStatus.SENT, ConsentApi.DAYTIME_TOMORROW, null);
        kafka.send(sent);
        kafka.send(sent); // the provider retried its callback
        kafka.send(statusOf(
                sent.data().messageId(),
                person,
                MessageStatus.DELIVERED,
                sent.data().occurredAt(),
                null));
        // a later contact on the same partition: once it is judged, the copies before it were too
        kafka.send(sms(person, MessageStatus.SENT, ConsentApi.DAYTIME_TOMORROW.plusSeconds(60), null));
        await("both contacts judged").atMost(AT_MOST).until(() -> judged(person) == 2);

        JsonNode violation = awaitViolation(sent.data().messageId());
        assertThat(violation.path("violation").asText()).isEqualTo("SENT_AFTER_DENY");
        assertThat(violation.path("decisionId").asText()).isEqualTo(denied);
        assertThat(violation.path("decisionOutcome").asText()).isEqualTo("DENY");
        assertThat(violation.path("decisionReasons").toString()).contains("NO_CONSENT");
        assertThat(violation.path("channel").asText()).isEqualTo("SMS");
        assertThat(violation.path("statusEventId").asText()).isEqualTo(sent.id());
        assertThat(evidence(person, "CONTACT_VIOLATION"))
                .as("one finding for the status, its retry and its later status; one for the later send")
                .isEqualTo(2);
        assertThat(violationsOn(sent.data().messageId())).hasSize(1);
    }

    @Test
    void a_send_under_a_valid_allow_raises_none_and_the_allow_is_used_once() {
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);
        String allowed = decisionOf(person, "ALLOW");

        EventEnvelope<MessageStatusChanged> sent =
                sms(person, MessageStatus.SENT, ConsentApi.DAYTIME_TOMORROW.plusSeconds(5), allowed);
        kafka.send(sent);
        await("the send judged").atMost(AT_MOST).until(() -> judged(person) == 1);
        assertThat(column(person, "decision_id")).isEqualTo(allowed);
        assertThat(column(person, "violation")).isNull();
        assertThat(ConsentDatabase.count(
                        db,
                        "SELECT count(*) FROM consent.decision WHERE id = ?::uuid AND confirmed_at IS NOT NULL",
                        allowed))
                .as("the ALLOW's reservation is used")
                .isEqualTo(1);

        // a second message under the same ALLOW: one ALLOW is one contact
        EventEnvelope<MessageStatusChanged> again =
                sms(person, MessageStatus.SENT, ConsentApi.DAYTIME_TOMORROW.plusSeconds(30), allowed);
        kafka.send(again);
        assertThat(awaitViolation(again.data().messageId()).path("violation").asText())
                .isEqualTo("DECISION_ALREADY_USED");
        assertThat(violationsOn(sent.data().messageId())).isEmpty();
    }

    @Test
    void a_send_long_after_its_allow_expired_or_before_its_planned_time_is_a_violation() {
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);
        String allowed = ConsentApi.authorize(person, "SMS", TestEvents.SENDER_A)
                .extract()
                .path("decisionId");
        Instant validUntil = Instant.parse(ConsentApi.authorize(person, "SMS", TestEvents.SENDER_B)
                .extract()
                .path("validUntil"));

        EventEnvelope<MessageStatusChanged> early =
                sms(person, MessageStatus.SENT, ConsentApi.DAYTIME_TOMORROW.minus(Duration.ofHours(2)), allowed);
        kafka.send(early);
        assertThat(awaitViolation(early.data().messageId()).path("violation").asText())
                .isEqualTo("SENT_BEFORE_PLANNED_TIME");

        EventEnvelope<MessageStatusChanged> late =
                sms(person, TestEvents.SENDER_B, MessageStatus.SENT, validUntil.plus(Duration.ofHours(1)), null);
        kafka.send(late);
        assertThat(awaitViolation(late.data().messageId()).path("violation").asText())
                .isEqualTo("SENT_AFTER_VALIDITY");
    }

    @Test
    void a_call_placed_with_no_decision_and_one_naming_another_persons_decision_are_violations() {
        String person = TestNumbers.randomUs();
        String someoneElse = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(someoneElse);
        String theirs = ConsentApi.authorize(someoneElse, "SMS", TestEvents.SENDER_A)
                .extract()
                .path("decisionId");

        EventEnvelope<CallStatusChanged> call = outboundCall(person, ConsentApi.DAYTIME_TOMORROW, null);
        kafka.send(call);
        JsonNode violation = awaitViolation(call.data().callId());
        assertThat(violation.path("violation").asText()).isEqualTo("NO_DECISION");
        assertThat(violation.path("channel").asText()).isEqualTo("VOICE");
        assertThat(violation.path("sender").asText()).isEqualTo(TestEvents.SENDER_A);

        EventEnvelope<MessageStatusChanged> borrowed =
                sms(person, MessageStatus.SENT, ConsentApi.DAYTIME_TOMORROW.plusSeconds(5), theirs);
        kafka.send(borrowed);
        assertThat(awaitViolation(borrowed.data().messageId()).path("violation").asText())
                .isEqualTo("DECISION_FOR_ANOTHER_CONTACT");
    }

    @Test
    void a_failed_send_uses_no_allow_and_one_send_uses_every_ask_about_the_same_planned_send() {
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);
        String first = decisionOf(person, "ALLOW");
        String again = decisionOf(person, "ALLOW"); // the same planned send, asked again

        // the provider refused the first attempt: nothing was sent, the tenant retries under the same ALLOW
        kafka.send(sms(person, MessageStatus.FAILED, ConsentApi.DAYTIME_TOMORROW.plusSeconds(5), first));
        EventEnvelope<MessageStatusChanged> retried =
                sms(person, MessageStatus.SENT, ConsentApi.DAYTIME_TOMORROW.plusSeconds(20), first);
        kafka.send(retried);
        // a second message under the other ALLOW for that send: the caps counted the two asks as one contact
        EventEnvelope<MessageStatusChanged> second =
                sms(person, MessageStatus.SENT, ConsentApi.DAYTIME_TOMORROW.plusSeconds(40), again);
        kafka.send(second);

        assertThat(awaitViolation(second.data().messageId()).path("violation").asText())
                .isEqualTo("DECISION_ALREADY_USED");
        assertThat(violationsOn(retried.data().messageId())).isEmpty();
        assertThat(evidence(person, "CONTACT_VIOLATION")).isEqualTo(1);
    }

    @Test
    void four_asks_and_one_send_leave_the_maryland_cap_with_one_contact() {
        String person = maryland();
        ConsentApi.recordSmsOptIn(person);
        ConsentApi.registerSenders();
        Instant noon = ZonedDateTime.of(LocalDate.now(EASTERN).plusDays(1), LocalTime.NOON, EASTERN)
                .toInstant();

        // a scheduler asks four times about one planned send: T-MD allows three contacts in 24 hours, and nothing
        // has been sent yet, so every ask is allowed
        String last = null;
        for (int ask = 0; ask < 4; ask++) {
            last = ConsentApi.authorizeAt(person, "SMS", TestEvents.SENDER_A, noon)
                    .statusCode(200)
                    .body("outcome", equalTo("ALLOW"))
                    .extract()
                    .path("decisionId");
        }
        EventEnvelope<MessageStatusChanged> sent = sms(person, MessageStatus.DELIVERED, noon.plusSeconds(10), last);
        kafka.send(sent);
        await("the send judged").atMost(AT_MOST).until(() -> judged(person) == 1);
        assertThat(column(person, "violation")).isNull();

        // one contact made: two more planned sends fit under the cap of three, a third does not
        ConsentApi.authorizeAt(person, "SMS", TestEvents.SENDER_B, noon.plus(Duration.ofHours(1)))
                .body("outcome", equalTo("ALLOW"));
        ConsentApi.authorizeAt(person, "SMS", TestEvents.SENDER_A, noon.plus(Duration.ofHours(2)))
                .body("outcome", equalTo("ALLOW"));
        ConsentApi.authorizeAt(person, "SMS", TestEvents.SENDER_B, noon.plus(Duration.ofHours(3)))
                .body("outcome", equalTo("DENY"))
                .body("reasons", equalTo(List.of("FREQUENCY_CAP_REACHED")));
    }

    private EventEnvelope<MessageStatusChanged> sms(
            String person, MessageStatus status, Instant at, String decisionId) {
        return sms(person, TestEvents.SENDER_A, status, at, decisionId);
    }

    private EventEnvelope<MessageStatusChanged> sms(
            String person, String sender, MessageStatus status, Instant at, String decisionId) {
        return message("SM" + UUID.randomUUID().toString().replace("-", ""), person, sender, status, at, decisionId);
    }

    /** Another status of a message already sent. */
    private EventEnvelope<MessageStatusChanged> statusOf(
            String messageId, String person, MessageStatus status, Instant at, String decisionId) {
        return message(messageId, person, TestEvents.SENDER_A, status, at, decisionId);
    }

    /** A message from the tenant's sender to the person, as call-ingest publishes its status callback. */
    private EventEnvelope<MessageStatusChanged> message(
            String messageId, String person, String sender, MessageStatus status, Instant at, String decisionId) {
        MessageStatusChanged changed = new MessageStatusChanged(
                messageId, Provider.TWILIO, "AC-test", sender, person, status, null, false, at, decisionId);
        return EventEnvelope.of(
                EventIds.of("twilio", "message-status", messageId, status.name()),
                URI.create("/call-ingest/twilio/AC-test"),
                TestEvents.TENANT,
                keys.subjectOf(TestEvents.TENANT, person),
                at,
                changed);
    }

    private EventEnvelope<CallStatusChanged> outboundCall(String person, Instant at, String decisionId) {
        String callId = "CA" + UUID.randomUUID().toString().replace("-", "");
        CallStatusChanged initiated = new CallStatusChanged(
                callId,
                Provider.TWILIO,
                "AC-test",
                CallDirection.OUTBOUND,
                TestEvents.SENDER_A,
                person,
                CallStatus.INITIATED,
                0L,
                at,
                decisionId);
        return EventEnvelope.of(
                EventIds.of("twilio", "call-status", callId, "0"),
                URI.create("/call-ingest/twilio/AC-test"),
                TestEvents.TENANT,
                keys.subjectOf(TestEvents.TENANT, person),
                at,
                initiated);
    }

    /** A Maryland number (Baltimore, 410), the test's own. */
    /** Asks about an SMS from sender A to the person, expects the outcome, and returns the decision's id. */
    private static String decisionOf(String person, String outcome) {
        return ConsentApi.authorize(person, "SMS", TestEvents.SENDER_A)
                .body("outcome", equalTo(outcome))
                .extract()
                .path("decisionId");
    }

    private static String maryland() {
        return "+1410" + ThreadLocalRandom.current().nextInt(2_000_000, 10_000_000);
    }

    private long judged(String person) {
        return ConsentDatabase.count(
                db,
                "SELECT count(*) FROM consent.contact_made WHERE tenant_id = 'acme' AND subject_id = ?",
                keys.subjectOf(TestEvents.TENANT, person).value());
    }

    private String column(String person, String column) {
        return ConsentDatabase.text(
                db,
                "SELECT " + column + "::text FROM consent.contact_made WHERE tenant_id = 'acme' AND subject_id = ?",
                keys.subjectOf(TestEvents.TENANT, person).value());
    }

    private long evidence(String person, String kind) {
        return ConsentDatabase.evidence(
                db, keys.subjectOf(TestEvents.TENANT, person).value(), kind);
    }

    private static JsonNode awaitViolation(String reference) {
        return await("a violation for " + reference)
                .atMost(AT_MOST)
                .until(() -> violationsOn(reference), found -> !found.isEmpty())
                .get(0);
    }

    private static List<JsonNode> violationsOn(String reference) {
        return kafka.readAll(Topics.CONSENT_VIOLATION).stream()
                .map(record -> json(record.value()))
                .filter(event -> "mesh.consent.contact-violated.v1"
                        .equals(event.path("type").asText()))
                .map(event -> event.path("data"))
                .filter(data -> reference.equals(data.path("reference").asText()))
                .toList();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
