package io.consentmesh.dsar.requests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.dsar.DsarRequestType;
import io.consentmesh.contracts.dsar.VerificationSmsRequested;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.privacy.seal.PersonalData;
import io.consentmesh.privacy.seal.PersonalEvents;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.events.InboundSms;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A person texts a privacy keyword to the tenant: dsar-service reads it from telephony.sms.v1 (sealed, opened with the
 * person's key) and opens the request as the person, texting the code back in their language; an opt-out of sale or
 * sharing goes out at once; an ordinary message and a message delivered again open nothing.
 */
@QuarkusTest
@MeshTest
class SmsKeywordIntakeTest {

    private static final TenantId TENANT = new TenantId("acme");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    SubjectKeys keys;

    @Inject
    PersonalData personalData;

    @Test
    void aKeywordOpensTheRequestAsThePersonAndTextsTheCodeInTheirLanguage() {
        String ana = TestNumbers.randomUs();
        String bea = TestNumbers.randomUs();
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            EventEnvelope<?> deletion = sms(ana, "Delete my data!");
            kafka.send(deletion);
            kafka.send(deletion); // delivered again: one request
            kafka.send(sms(ana, "please delete my data from your list, thanks")); // an ordinary message
            kafka.send(sms(bea, "borrar mis datos"));

            VerificationSmsRequested toBea = codeTextedTo(kafka, bea);
            assertThat(toBea.language()).isEqualTo("es");
            given().get("/v1/dsar/requests/" + toBea.requestId())
                    .then()
                    .statusCode(200)
                    .body("type", equalTo("DELETION"))
                    .body("source", equalTo("PERSON_SMS"))
                    .body("status", equalTo("AWAITING_VERIFICATION"))
                    .body("language", equalTo("es"));
            // ana's code, then a later keyword of hers on her own partition: once it is answered, both copies of her
            // deletion and her ordinary message were read before it, so counting then proves they opened nothing more
            VerificationSmsRequested toAna = codeTextedTo(kafka, ana);
            assertThat(toAna.language()).isEqualTo("en");
            kafka.send(sms(ana, "MY DATA"));
            kafka.await(
                    Topics.DSAR_SMS_COMMAND,
                    r -> r.value().contains(ana) && !r.value().contains(toAna.requestId()),
                    1,
                    WAIT);
            List<String> requestsOfAna = kafka.readAll(Topics.DSAR_SMS_COMMAND).stream()
                    .filter(r -> r.value().contains(ana))
                    .map(r -> EventCodec.decode(r.value(), VerificationSmsRequested.class)
                            .data()
                            .requestId())
                    .distinct()
                    .toList();
            assertThat(requestsOfAna).hasSize(2); // the deletion (once) and the access request, nothing else
            given().get("/v1/dsar/requests/" + toAna.requestId())
                    .then()
                    .body("type", equalTo("DELETION"))
                    .body("source", equalTo("PERSON_SMS"));
        }
    }

    @Test
    void doNotSellNeedsNoCodeAndGoesOutAtOnce() {
        String cy = TestNumbers.randomUs();
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(sms(cy, "DO NOT SELL"));
            String subject = keys.subjectOf(TENANT, cy).value();
            var task = kafka.await(Topics.DSAR_TASK, r -> subject.equals(r.key()), 1, WAIT);
            assertThat(task.get(0).value()).contains(DsarRequestType.OPT_OUT_OF_SALE_SHARING.name());
        }
    }

    private static VerificationSmsRequested codeTextedTo(KafkaTestClient kafka, String number) {
        return EventCodec.decode(
                        kafka.await(Topics.DSAR_SMS_COMMAND, r -> r.value().contains(number), 1, WAIT)
                                .get(0)
                                .value(),
                        VerificationSmsRequested.class)
                .data();
    }

    /** A text the person sent, as call-ingest publishes it: sealed under their key. */
    private EventEnvelope<?> sms(String from, String body) {
        EventEnvelope<SmsReceived> event = InboundSms.of(keys, TENANT, from, "+14155550101", body, Instant.now());
        return PersonalEvents.seal(
                event,
                personalData
                        .sealer(List.of(PersonalEvents.subjectOf(event)))
                        .await()
                        .atMost(WAIT));
    }
}
