package io.consentmesh.consent.consents.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.consentmesh.consent.ConsentApi;
import io.consentmesh.consent.TestEvents;
import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.envelope.EventCodec;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@MeshTest
class PoisonEventTest {

    @Inject
    SubjectKeys keys;

    @Test
    void poisonEventsGoToTheDeadLetterTopicWithTheirReasonAndTheNextEventIsApplied() {
        String person = TestNumbers.randomUs();
        String subject = keys.subjectOf(TestEvents.TENANT, person).value();
        EventEnvelope<SmsReceived> good = TestEvents.sms(keys, person, TestEvents.SENDER_A, "STOP");
        String marker = UUID.randomUUID().toString();
        String notJson = "{not json " + marker;
        // keyed and labelled with another person's subject id: applying it would misfile the STOP
        String wrongSubject = EventCodec.encode(TestEvents.sms(keys, person, TestEvents.SENDER_A, "STOP"))
                .replace(
                        subject,
                        keys.subjectOf(TestEvents.TENANT, TestNumbers.randomUs())
                                .value());

        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(Topics.TELEPHONY_SMS, subject, notJson);
            kafka.send(Topics.TELEPHONY_SMS, subject, wrongSubject);
            var goodRecord = kafka.send(good);

            awaitOptedOut(person, "the good STOP after the poison is applied");
            await("the consumer commits past the poison and the good STOP")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> kafka.committedOffset("consent-service", Topics.TELEPHONY_SMS, goodRecord.partition())
                            > goodRecord.offset());

            var dead = await("both poison events dead-lettered")
                    .atMost(Duration.ofSeconds(30))
                    .until(
                            () -> kafka.readAll(Topics.CONSENT_DEAD_LETTER).stream()
                                    .filter(r -> subject.equals(r.key()))
                                    .toList(),
                            found -> found.size() >= 2);
            assertThat(dead).extracting(ConsumerRecord::value).containsExactly(notJson, wrongSubject);
            assertThat(dead)
                    .extracting(r -> KafkaTestClient.header(r, "dead-letter-reason"))
                    .containsExactly(
                            "not JSON: Unexpected character ('n' (code 110)): was expecting double-quote to start field name",
                            "subject is not the subject id of the sender's number");
        }
    }

    @Test
    void otherEventTypesOnTheSmsTopicAreAcknowledgedWithoutEffectNotDeadLettered() {
        String person = TestNumbers.randomUs();
        String subject = keys.subjectOf(TestEvents.TENANT, person).value();
        MessageStatusChanged delivered = new MessageStatusChanged(
                "SM" + UUID.randomUUID().toString().replace("-", ""),
                Provider.TWILIO,
                "AC-test",
                TestEvents.SENDER_A,
                person,
                MessageStatus.DELIVERED,
                null,
                false,
                Instant.now());
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(EventEnvelope.of(
                    EventIds.of("twilio", "message-status", delivered.messageId()),
                    URI.create("/call-ingest/twilio/AC-test"),
                    TestEvents.TENANT,
                    keys.subjectOf(TestEvents.TENANT, person),
                    delivered.occurredAt(),
                    delivered));
            kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, "STOP"));

            awaitOptedOut(person, "the STOP after the status event is applied");
            assertThat(kafka.readAll(Topics.CONSENT_DEAD_LETTER)).noneMatch(r -> subject.equals(r.key()));
        }
    }

    private static void awaitOptedOut(String person, String what) {
        await(what).atMost(Duration.ofSeconds(30)).untilAsserted(() -> ConsentApi.authorize(
                        person, "SMS", TestEvents.SENDER_A)
                .body("reasons[0]", equalTo("OPTED_OUT")));
    }
}
