package io.consentmesh.consent.consents.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.ConsentApi;
import io.consentmesh.consent.ConsentDatabase;
import io.consentmesh.consent.TestEvents;
import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventType;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.contracts.telephony.VerbalIntent;
import io.consentmesh.privacy.seal.PersonalData;
import io.consentmesh.privacy.seal.PersonalEvents;
import io.consentmesh.privacy.seal.Sealer;
import io.consentmesh.runtime.chain.SubjectRef;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The telephony events as call-ingest publishes them since issue 14: version 2, the person's number and words sealed
 * under their data key. consent-service opens them per batch, refuses what only pretends to be sealed, and skips what
 * belongs to a person erased before it was read.
 */
@QuarkusTest
@MeshTest
class SealedTelephonyEventsTest {

    private static final Duration AT_MOST = Duration.ofSeconds(30);

    @Inject
    SubjectKeys keys;

    @Inject
    PersonalData personalData;

    @Inject
    AgroalDataSource db;

    @Test
    void aSealedStopOptsThePersonOutAndTheirWordsStaySealedInTheLedger() {
        String person = TestNumbers.randomUs();
        EventEnvelope<?> stop = sealed(TestEvents.sms(keys, person, TestEvents.SENDER_A, "STOP"));
        assertThat(stop.type()).isEqualTo(EventType.SMS_RECEIVED_SEALED.type());

        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(stop);
        }

        awaitDenied(person, "OPTED_OUT");
        String subject = subjectOf(person);
        assertThat(ConsentDatabase.count(
                        db,
                        "SELECT count(*) FROM consent.evidence WHERE subject_id = ? AND content ->> 'body' LIKE 'pv1.%'",
                        subject))
                .as("the STOP's words are in the ledger, sealed")
                .isEqualTo(1);
        assertThat(ConsentDatabase.count(
                        db,
                        "SELECT count(*) FROM consent.evidence WHERE subject_id = ? AND content::text LIKE ?",
                        subject,
                        "%" + person.substring(1) + "%"))
                .as("the person's number is nowhere in clear (the matched keyword is the tenant's, not theirs)")
                .isZero();
    }

    @Test
    void aSealedVersionThatIsNotSealedTamperedWithOrSealedForSomeoneElseIsDeadLetteredAndTheNextStopApplies() {
        String person = TestNumbers.randomUs();
        String subject = subjectOf(person);
        EventEnvelope<SmsReceived> clear = TestEvents.sms(keys, person, TestEvents.SENDER_A, "STOP");
        String inClear = EventCodec.encode(clear.withData(EventType.SMS_RECEIVED_SEALED, clear.data()));
        String sealedJson = EventCodec.encode(sealed(clear));
        String body = ((SmsReceived) EventCodec.decode(sealedJson).data()).body();
        String tampered = sealedJson.replace(body, body.substring(0, body.length() - 2) + flip(body));
        // someone else's sealed words, put into this person's event: they open, but not as this person's
        SmsReceived others =
                (SmsReceived) sealed(TestEvents.sms(keys, TestNumbers.randomUs(), TestEvents.SENDER_A, "hi"))
                        .data();
        String foreign = sealedJson.replace(body, others.body());

        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(Topics.TELEPHONY_SMS, subject, inClear);
            kafka.send(Topics.TELEPHONY_SMS, subject, tampered);
            kafka.send(Topics.TELEPHONY_SMS, subject, foreign);
            kafka.send(sealed(TestEvents.sms(keys, person, TestEvents.SENDER_A, "STOP")));

            awaitDenied(person, "OPTED_OUT");
            List<ConsumerRecord<String, String>> dead = await("the three dead-lettered")
                    .atMost(AT_MOST)
                    .until(
                            () -> kafka.readAll(Topics.CONSENT_DEAD_LETTER).stream()
                                    .filter(r -> subject.equals(r.key()))
                                    .toList(),
                            found -> found.size() >= 3);
            assertThat(dead).extracting(ConsumerRecord::value).containsExactly(inClear, tampered, foreign);
            assertThat(dead)
                    .extracting(r -> KafkaTestClient.header(r, "dead-letter-reason"))
                    .containsExactly(
                            "mesh.sms.received.v2 holds a personal value that is not sealed",
                            "field body does not open with its key (tampered, or another person's or field's)",
                            "a personal value is sealed for another person than the event's");
        }
    }

    @Test
    void anEventOfAPersonErasedBeforeItIsReadIsSkippedAndTheBatchGoesOn() {
        String erased = TestNumbers.randomUs();
        String next = TestNumbers.randomUs();
        EventEnvelope<?> lateStop = sealed(TestEvents.sms(keys, erased, TestEvents.SENDER_A, "STOP"));
        personalData
                .keys()
                .shred(new SubjectRef(TestEvents.TENANT.value(), subjectOf(erased)), "test", "DSAR-late")
                .await()
                .atMost(AT_MOST);

        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(lateStop);
            kafka.send(sealed(TestEvents.sms(keys, next, TestEvents.SENDER_A, "STOP")));

            awaitDenied(next, "OPTED_OUT");
            assertThat(ConsentDatabase.count(
                            db, "SELECT count(*) FROM consent.evidence WHERE subject_id = ?", subjectOf(erased)))
                    .as("nothing of the erased person's was applied")
                    .isZero();
            assertThat(kafka.readAll(Topics.CONSENT_DEAD_LETTER))
                    .noneMatch(r -> subjectOf(erased).equals(r.key()));
        }
    }

    @Test
    void aSealedVerbalOptOutIsRecordedWithItsWordsSealed() {
        String person = TestNumbers.randomUs();
        EventEnvelope<?> said = sealed(TestEvents.verbal(keys, person, VerbalIntent.OPT_OUT));
        assertThat(said.type()).isEqualTo(EventType.VERBAL_CONSENT_DETECTED_SEALED.type());

        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(said);
        }

        awaitDenied(person, "OPTED_OUT");
        assertThat(ConsentDatabase.count(
                        db,
                        "SELECT count(*) FROM consent.evidence WHERE subject_id = ? AND content ->> 'utterance' LIKE"
                                + " 'pv1.%'",
                        subjectOf(person)))
                .isEqualTo(1);
    }

    /** As call-ingest publishes it: its personal fields sealed under the person's key, as version 2. */
    private EventEnvelope<?> sealed(EventEnvelope<?> clear) {
        Sealer sealer = personalData
                .sealer(List.of(PersonalEvents.subjectOf(clear)))
                .await()
                .atMost(AT_MOST);
        return PersonalEvents.seal(clear, sealer);
    }

    private String subjectOf(String person) {
        return keys.subjectOf(TestEvents.TENANT, person).value();
    }

    private static String flip(String sealedValue) {
        String tail = sealedValue.substring(sealedValue.length() - 2);
        return tail.equals("AA") ? "BB" : "AA";
    }

    private static void awaitDenied(String person, String reason) {
        await("the person is denied: " + reason).atMost(AT_MOST).untilAsserted(() -> ConsentApi.authorize(
                        person, "SMS", TestEvents.SENDER_A)
                .body("reasons[0]", equalTo(reason)));
    }
}
