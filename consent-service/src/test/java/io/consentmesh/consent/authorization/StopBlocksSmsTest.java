package io.consentmesh.consent.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.ConsentApi;
import io.consentmesh.consent.ConsentDatabase;
import io.consentmesh.consent.TestEvents;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The foundation slice on the consent side: keywords arriving over the real broker decide authorizations. */
@QuarkusTest
@MeshTest
class StopBlocksSmsTest {

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
    void numberWithRecordedOptInIsAllowed() {
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);

        authorizeSms(person, TestEvents.SENDER_A)
                .body("outcome", equalTo("ALLOW"))
                .body("reasons", equalTo(java.util.List.of("CONSENT_ON_RECORD")))
                .body("evidenceIds", hasSize(1))
                .body("ruleSetVersion", equalTo("2026.12"));
    }

    @Test
    void numberWithNothingOnRecordIsDeniedForNoConsent() {
        authorizeSms(TestNumbers.randomUs(), TestEvents.SENDER_A)
                .body("outcome", equalTo("DENY"))
                .body("reasons", equalTo(java.util.List.of("NO_CONSENT", "PURPOSE_NOT_PERMITTED")));
    }

    @Test
    void kw01StopToSenderABlocksSenderBOfTheSameBrand() {
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);

        kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, "Stop."));

        await("DENY after STOP").atMost(AT_MOST).untilAsserted(() -> authorizeSms(person, TestEvents.SENDER_B)
                .body("outcome", equalTo("DENY"))
                .body("reasons", equalTo(java.util.List.of("OPTED_OUT")))
                .body("evidenceIds", hasSize(1)));
        assertThat(deniedForOptOutStoredFor(person)).as("stored DENY decisions").isGreaterThanOrEqualTo(1);
    }

    @Test
    void kw11StartAfterStopReEnables() {
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);
        kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, "STOP"));
        await("DENY after STOP").atMost(AT_MOST).untilAsserted(() -> authorizeSms(person, TestEvents.SENDER_A)
                .body("outcome", equalTo("DENY")));

        kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, "start"));

        await("ALLOW after START").atMost(AT_MOST).untilAsserted(() -> authorizeSms(person, TestEvents.SENDER_A)
                .body("outcome", equalTo("ALLOW")));
    }

    @Test
    void kw11StartWithoutAnEarlierStopGrantsNothing() {
        String person = TestNumbers.randomUs();

        kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, "START"));

        await("START recorded as evidence").atMost(AT_MOST).until(() -> evidenceFor(person) == 1);
        authorizeSms(person, TestEvents.SENDER_A)
                .body("outcome", equalTo("DENY"))
                .body("reasons[0]", equalTo("NO_CONSENT"));
    }

    @Test
    void sameStopDeliveredTwiceLeavesOneLedgerRecord() {
        String person = TestNumbers.randomUs();
        EventEnvelope<SmsReceived> stop = TestEvents.sms(keys, person, TestEvents.SENDER_A, "STOP");

        kafka.send(stop);
        kafka.send(stop);
        // A later event on the same partition proves both copies of the STOP were consumed before we count.
        kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, "HELP"));

        await("HELP recorded after both STOPs").atMost(AT_MOST).until(() -> evidenceFor(person) >= 2);
        assertThat(evidenceFor(person)).isEqualTo(2);
        assertThat(ConsentDatabase.count(
                        db, "SELECT count(*) FROM consent.evidence WHERE source_event_id = ?", stop.id()))
                .isEqualTo(1);
    }

    @Test
    void ordinaryMessagesAreNotEvidence() {
        String person = TestNumbers.randomUs();

        kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, "see you at 6pm, thanks"));
        kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, "INFO"));

        await("INFO recorded").atMost(AT_MOST).until(() -> evidenceFor(person) == 1);
        assertThat(ConsentDatabase.count(
                        db,
                        "SELECT count(*) FROM consent.evidence WHERE subject_id = ? AND kind = 'HELP_KEYWORD'",
                        keys.subjectOf(TestEvents.TENANT, person).value()))
                .isEqualTo(1);
    }

    @Test
    void ledgerChainsEachSubjectsRecordsAndRefusesChanges() {
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);
        kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, "STOP"));
        await("two records").atMost(AT_MOST).until(() -> evidenceFor(person) == 2);
        String subject = keys.subjectOf(TestEvents.TENANT, person).value();

        assertThat(ConsentDatabase.count(
                        db,
                        "SELECT count(*) FROM consent.evidence e JOIN consent.evidence p ON e.prev_hash = p.hash "
                                + "WHERE e.subject_id = ? AND p.subject_id = ?",
                        subject,
                        subject))
                .as("the second record links to the first")
                .isEqualTo(1);
        assertThat(ConsentDatabase.count(
                        db,
                        "SELECT count(*) FROM consent.evidence WHERE subject_id = ? AND kind = 'OPT_OUT_KEYWORD' "
                                + "AND content->>'keyword' = 'STOP' AND content->>'tenantNumber' = ?",
                        subject,
                        TestEvents.SENDER_A))
                .as("the canonical content is stored as a JSON object that can be queried")
                .isEqualTo(1);
        assertThatThrownBy(() -> ConsentDatabase.count(
                        db,
                        "WITH d AS (DELETE FROM consent.evidence WHERE subject_id = ? RETURNING 1) SELECT count(*) FROM d",
                        subject))
                .hasMessageContaining("append-only");
    }

    private long evidenceFor(String person) {
        return ConsentDatabase.count(
                db,
                "SELECT count(*) FROM consent.evidence WHERE subject_id = ?",
                keys.subjectOf(TestEvents.TENANT, person).value());
    }

    private long deniedForOptOutStoredFor(String person) {
        return ConsentDatabase.count(
                db,
                "SELECT count(*) FROM consent.decision WHERE subject_id = ? AND outcome = 'DENY' AND reasons = 'OPTED_OUT' "
                        + "AND evidence_ids <> '' AND rule_set_version = '2026.12'",
                keys.subjectOf(TestEvents.TENANT, person).value());
    }

    private static ValidatableResponse authorizeSms(String person, String sender) {
        return ConsentApi.authorize(person, "SMS", sender);
    }
}
