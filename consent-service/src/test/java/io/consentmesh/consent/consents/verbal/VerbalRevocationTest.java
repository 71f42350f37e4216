package io.consentmesh.consent.consents.verbal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.ConsentApi;
import io.consentmesh.consent.ConsentDatabase;
import io.consentmesh.consent.TestEvents;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.VerbalConsentDetected;
import io.consentmesh.contracts.telephony.VerbalIntent;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Revocation by reasonable means: words on a call, and a STOP by text, each close every channel of the brand. */
@QuarkusTest
@MeshTest
class VerbalRevocationTest {

    private static final Duration AT_MOST = Duration.ofSeconds(30);

    @Inject
    SubjectKeys keys;

    @Inject
    AgroalDataSource db;

    @Test
    void kw05SpokenStopCallingMeRevokesSmsAndCallsOnceEvenIfDeliveredTwice() {
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);
        authorize(person, "SMS").body("outcome", equalTo("ALLOW"));
        EventEnvelope<VerbalConsentDetected> said = TestEvents.verbal(keys, person, VerbalIntent.OPT_OUT);

        EventEnvelope<VerbalConsentDetected> saidAgain = TestEvents.verbal(keys, person, VerbalIntent.OPT_OUT);
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(said);
            kafka.send(said);
            // A later event on the same partition (same subject key): once it is evidence, both copies before it
            // have been consumed, so counting then proves the second copy had no effect.
            kafka.send(saidAgain);
        }

        await("the later revocation is evidence, after both copies of the first")
                .atMost(AT_MOST)
                .until(() -> evidenceOf(saidAgain.id()) == 1);
        authorize(person, "SMS").body("outcome", equalTo("DENY")).body("reasons[0]", equalTo("OPTED_OUT"));
        authorize(person, "VOICE").body("outcome", equalTo("DENY")).body("reasons[0]", equalTo("OPTED_OUT"));
        assertThat(ConsentDatabase.count(
                        db,
                        "SELECT count(*) FROM consent.evidence WHERE source_event_id = ? AND kind = 'VERBAL_OPT_OUT' "
                                + "AND content->>'transcriptOffsetMillis' = '83250'",
                        said.id()))
                .as("evidence of the revocation delivered twice")
                .isEqualTo(1);
        assertThat(ConsentDatabase.count(
                        db,
                        "SELECT count(*) FROM consent.evidence WHERE subject_id = ? AND kind = 'VERBAL_OPT_OUT'",
                        said.subject()))
                .as("spoken revocations on record: the first once, and the later one")
                .isEqualTo(2);
    }

    @Test
    void spokenAgreementToBeCalledAllowsCallsButNoTexts() {
        String person = TestNumbers.randomUs();

        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            // "yes, you can call me back tomorrow": the tenant's purpose limits allow calls inside the callback's
            // window
            // (CB-01), so the test asks for the time it authorizes, whatever the hour it runs at
            kafka.send(TestEvents.callbackRequested(keys, person, ConsentApi.DAYTIME_TOMORROW));
            kafka.send(TestEvents.verbal(keys, person, VerbalIntent.OPT_IN));
        }

        await("calls allowed").atMost(AT_MOST).untilAsserted(() -> authorize(person, "VOICE")
                .body("outcome", equalTo("ALLOW")));
        authorize(person, "SMS").body("outcome", equalTo("DENY")).body("reasons[0]", equalTo("NO_CONSENT"));
    }

    @Test
    void kw12AStopByTextAlsoClosesCalls() {
        String person = TestNumbers.randomUs();
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(TestEvents.callbackRequested(keys, person, ConsentApi.DAYTIME_TOMORROW));
            kafka.send(TestEvents.verbal(keys, person, VerbalIntent.OPT_IN));
            await("calls allowed").atMost(AT_MOST).untilAsserted(() -> authorize(person, "VOICE")
                    .body("outcome", equalTo("ALLOW")));

            kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, "STOP"));
        }

        await("calls denied after STOP").atMost(AT_MOST).untilAsserted(() -> authorize(person, "VOICE")
                .body("outcome", equalTo("DENY"))
                .body("reasons[0]", equalTo("OPTED_OUT")));
    }

    private long evidenceOf(String sourceEventId) {
        return ConsentDatabase.count(
                db, "SELECT count(*) FROM consent.evidence WHERE source_event_id = ?", sourceEventId);
    }

    private static ValidatableResponse authorize(String person, String channel) {
        return ConsentApi.authorize(person, channel, TestEvents.SENDER_A);
    }
}
