package io.consentmesh.consent.consents.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.ConsentApi;
import io.consentmesh.consent.ConsentDatabase;
import io.consentmesh.consent.TestEvents;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.MessageStatus;
import io.consentmesh.contracts.telephony.MessageStatusChanged;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, item 2: a provider that refuses a send because the person opted out at the carrier (Twilio 21610, on the
 * message's status callback as call-ingest publishes it) tells consent-service of an opt-out it never saw: CARRIER
 * evidence, enforced like a STOP on every sender and channel of the brand, once however often the status comes. And a
 * word the provider's own opt-out handling matched (Twilio Advanced Opt-Out) counts as the keyword it matched.
 */
@QuarkusTest
@MeshTest
class CarrierOptOutTest {

    private static final Duration AT_MOST = Duration.ofSeconds(30);
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
    void a_twilio_21610_status_blocks_the_next_authorization_on_every_sender_of_the_brand() {
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);
        ConsentApi.authorize(person, "SMS", TestEvents.SENDER_B).body("outcome", equalTo("ALLOW"));

        EventEnvelope<MessageStatusChanged> refused = status(person, "21610", true);
        kafka.send(refused);
        kafka.send(refused); // the provider retried its callback

        await("DENY after the carrier's opt-out").atMost(AT_MOST).untilAsserted(() -> ConsentApi.authorize(
                        person, "SMS", TestEvents.SENDER_B)
                .body("outcome", equalTo("DENY"))
                .body("reasons", hasItem("OPTED_OUT")));
        ConsentApi.authorize(person, "SMS", TestEvents.SENDER_A).body("outcome", equalTo("DENY"));
        ConsentApi.authorize(person, "VOICE", TestEvents.SENDER_A).body("reasons", hasItem("OPTED_OUT"));

        // the retry, on the same partition after the first copy, is applied before this later marker is
        kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, "HELP"));
        await("the later text is applied").atMost(AT_MOST).until(() -> evidence(person, "HELP_KEYWORD") == 1);
        assertThat(evidence(person, "CARRIER_OPT_OUT"))
                .as("one record for the status and its retry")
                .isEqualTo(1);
    }

    @Test
    void a_start_after_the_carriers_opt_out_is_applied_after_it_even_in_one_batch() {
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);

        // while the consumer is busy with others' STOPs, the two arrive back to back: the next poll takes both
        for (int i = 0; i < 40; i++) {
            kafka.send(TestEvents.sms(keys, TestNumbers.randomUs(), TestEvents.SENDER_A, "STOP"));
        }
        kafka.send(status(person, "21610", true));
        kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, "START"));
        await("both applied").atMost(AT_MOST).until(() -> evidence(person, "OPT_IN_KEYWORD") == 1);

        assertThat(evidence(person, "CARRIER_OPT_OUT")).isEqualTo(1);
        ConsentApi.authorize(person, "SMS", TestEvents.SENDER_B)
                .body("outcome", equalTo("ALLOW")); // the START, later, re-opted in (KW-11)
    }

    @Test
    void a_send_that_failed_for_another_reason_changes_no_consent() {
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);

        kafka.send(status(person, "30034", false)); // unregistered number: the tenant's problem, not the person's
        kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, "HELP"));
        await("the later text is applied").atMost(AT_MOST).until(() -> evidence(person, "HELP_KEYWORD") == 1);

        assertThat(evidence(person, "CARRIER_OPT_OUT")).isZero();
        ConsentApi.authorize(person, "SMS", TestEvents.SENDER_B).body("outcome", equalTo("ALLOW"));
    }

    @Test
    void a_word_twilio_advanced_opt_out_matched_as_stop_revokes_though_the_mesh_lists_do_not_have_it() {
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);
        String messageId = "SM" + UUID.randomUUID().toString().replace("-", "");
        // "ENOUGH" is a keyword the tenant configured in Twilio's console, in none of the mesh's lists
        SmsReceived sms = new SmsReceived(
                messageId, Provider.TWILIO, "AC-test", person, TestEvents.SENDER_A, "Enough", 1, "STOP", Instant.now());
        kafka.send(EventEnvelope.of(
                EventIds.of("twilio", "sms", messageId),
                URI.create("/call-ingest/twilio/AC-test"),
                TestEvents.TENANT,
                keys.subjectOf(TestEvents.TENANT, person),
                sms.receivedAt(),
                sms));

        await("DENY after the provider's STOP").atMost(AT_MOST).untilAsserted(() -> ConsentApi.authorize(
                        person, "SMS", TestEvents.SENDER_B)
                .body("outcome", equalTo("DENY"))
                .body("reasons", hasItem("OPTED_OUT")));
        assertThat(evidence(person, "OPT_OUT_KEYWORD")).isEqualTo(1);
    }

    /** A failed send from sender A to the person, as call-ingest publishes the status callback. */
    private EventEnvelope<MessageStatusChanged> status(String person, String errorCode, boolean optedOut) {
        String messageId = "SM" + UUID.randomUUID().toString().replace("-", "");
        MessageStatusChanged failed = new MessageStatusChanged(
                messageId,
                Provider.TWILIO,
                "AC-test",
                TestEvents.SENDER_A,
                person,
                MessageStatus.FAILED,
                errorCode,
                optedOut,
                Instant.now());
        return EventEnvelope.of(
                EventIds.of("twilio", "message-status", messageId, "failed"),
                URI.create("/call-ingest/twilio/AC-test"),
                TestEvents.TENANT,
                keys.subjectOf(TestEvents.TENANT, person),
                failed.occurredAt(),
                failed);
    }

    private long evidence(String person, String kind) {
        return ConsentDatabase.evidence(
                db, keys.subjectOf(TestEvents.TENANT, person).value(), kind);
    }
}
