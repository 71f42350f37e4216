package io.consentmesh.consent.disclosure;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentmesh.consent.audit.AuditQueryCommand;
import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.CallStatus;
import io.consentmesh.contracts.telephony.PlaybackOutcome;
import io.consentmesh.contracts.telephony.RecordingState;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Disclosure verdicts through the real broker and database: call events on telephony.call.v1, the verdict in the
 * call's timeline and in the ledger, violations on consent.violation.v1.
 */
@QuarkusTest
@MeshTest
class DisclosureVerdictTest {

    private static final TenantId ACME = new TenantId("acme");

    @Inject
    SubjectKeys keys;

    @Test
    void rec03_a_recording_started_after_the_disclosure_is_compliant_with_its_evidence_in_the_ledger()
            throws Exception {
        CallScript call = call(ACME);
        send(call.compliant());

        JsonPath timeline = awaitVerdict(call, "COMPLIANT");

        assertThat(timeline.getList("events.type", String.class)).hasSize(4);
        assertThat(timeline.getList("verdicts")).hasSize(1);
        assertThat(timeline.getString("verdicts[0].content.disclosure.announcementId"))
                .isEqualTo("rec-notice");
        assertThat(timeline.getString("verdicts[0].content.ruleDataVersion")).isEqualTo("rec-2026.11");
        assertThat(timeline.getString("verdicts[0].hash")).hasSize(64);
        assertThat(violationsOf(call)).isEmpty();
        String markdown = AuditQueryCommand.callMarkdown(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(given().queryParam("tenantId", "acme")
                        .get("/v1/audit/calls/{id}", call.callId)
                        .asString()));
        assertThat(markdown)
                .contains("**Verdict: COMPLIANT**")
                .contains("mesh.call.disclosure-played.v1")
                .contains(timeline.getString("verdicts[0].hash"));
    }

    @Test
    void rec03_events_arriving_out_of_order_are_judged_by_their_own_times() {
        CallScript call = call(ACME);
        send(
                call.status(CallStatus.COMPLETED, 60),
                call.recording(RecordingState.STARTED, 9),
                call.status(CallStatus.ANSWERED, 0),
                call.disclosure(1, 8, true));

        awaitVerdict(call, "COMPLIANT");
        assertThat(violationsOf(call)).isEmpty();
    }

    @Test
    void rec04_a_recorded_call_without_disclosure_is_a_violation_published_for_quarantine() {
        CallScript call = call(ACME);
        send(
                call.status(CallStatus.ANSWERED, 0),
                call.recording(RecordingState.STARTED, 1),
                call.recordingAvailable("RE" + call.callId.substring(2), 1),
                call.status(CallStatus.COMPLETED, 60));

        awaitVerdict(call, "NO_DISCLOSURE");
        List<ConsumerRecord<String, String>> violations = awaitViolations(call);
        EventEnvelope<?> violation = EventCodec.decode(violations.get(0).value());
        assertThat(violation.type()).isEqualTo("mesh.consent.recording-disclosure-violated.v1");
        assertThat(violations.get(0).key()).isEqualTo(call.subject.value());
        assertThat(violations.get(0).value()).contains("NO_DISCLOSURE").contains("RE" + call.callId.substring(2));
    }

    @Test
    void rec03_a_recording_running_while_the_provider_plays_the_notice_is_recording_before_disclosure() {
        TenantId tenant = new TenantId("disclosure-media-" + System.nanoTime());
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "explicitConsentBeforeRecording",
                        false,
                        "disclosureMedia",
                        List.of(Map.of(
                                "mediaName", "recording-notice-en-v3.wav",
                                "announcementId", "rec-notice",
                                "announcementVersion", "3",
                                "language", "en-US"))))
                .put("/v1/recording-policies/{tenant}", tenant.value())
                .then()
                .statusCode(200);
        CallScript call = call(tenant);
        send(
                call.status(CallStatus.ANSWERED, 0),
                call.mediaStarted("hold-music.wav", 0),
                call.mediaEnded("hold-music.wav", PlaybackOutcome.COMPLETED, 1),
                call.recording(RecordingState.STARTED, 2),
                call.mediaStarted("recording-notice-en-v3.wav", 3),
                call.mediaEnded("recording-notice-en-v3.wav", PlaybackOutcome.COMPLETED, 10),
                call.status(CallStatus.COMPLETED, 60));

        JsonPath timeline = awaitVerdict(call, "RECORDING_BEFORE_DISCLOSURE");
        assertThat(timeline.getString("verdicts[0].content.disclosure.reportedBy"))
                .isEqualTo("TELNYX");
        assertThat(awaitViolations(call)).hasSize(1);
    }

    @Test
    void rec03_a_notice_cut_off_by_barge_in_is_disclosure_interrupted() {
        CallScript call = call(ACME);
        send(
                call.status(CallStatus.ANSWERED, 0),
                call.disclosure(1, 3, false),
                call.recording(RecordingState.STARTED, 4),
                call.status(CallStatus.COMPLETED, 60));

        awaitVerdict(call, "DISCLOSURE_INTERRUPTED");
        assertThat(awaitViolations(call)).hasSize(1);
    }

    @Test
    void a_call_that_was_not_recorded_is_not_recorded_and_no_violation() {
        CallScript call = call(ACME);
        send(call.status(CallStatus.ANSWERED, 0), call.status(CallStatus.COMPLETED, 30));

        awaitVerdict(call, "NOT_RECORDED");
        assertThat(violationsOf(call)).isEmpty();
    }

    @Test
    void rec08_a_tenant_requiring_explicit_consent_gets_recording_without_consent_unless_the_person_agreed_first() {
        TenantId tenant = new TenantId("eu-" + System.nanoTime());
        given().contentType(ContentType.JSON)
                .body(Map.of("explicitConsentBeforeRecording", true, "disclosureMedia", List.of()))
                .put("/v1/recording-policies/{tenant}", tenant.value())
                .then()
                .statusCode(200);
        CallScript withoutConsent = call(tenant);
        CallScript withConsent = call(tenant);
        send(
                withoutConsent.status(CallStatus.ANSWERED, 0),
                withoutConsent.disclosure(1, 8, true),
                withoutConsent.recording(RecordingState.STARTED, 9),
                withoutConsent.status(CallStatus.COMPLETED, 60),
                withConsent.status(CallStatus.ANSWERED, 0),
                withConsent.disclosure(1, 8, true),
                withConsent.consent(10),
                withConsent.recording(RecordingState.STARTED, 11),
                withConsent.status(CallStatus.COMPLETED, 60));

        assertThat(awaitVerdict(withoutConsent, "RECORDING_WITHOUT_CONSENT").getList("verdicts[0].content.rules"))
                .contains("REC-08");
        awaitVerdict(withConsent, "COMPLIANT");
    }

    @Test
    void a_late_event_after_the_verdict_changes_it_and_the_ledger_keeps_both() {
        CallScript call = call(ACME);
        send(call.compliant());
        awaitVerdict(call, "COMPLIANT");

        // the provider's recording callback arrives minutes later: its recording started at second 2
        send(call.recordingAvailable("RE-late-" + call.callId, 2));

        JsonPath timeline = awaitVerdict(call, "RECORDING_BEFORE_DISCLOSURE");
        assertThat(timeline.getList("verdicts.content.verdict", String.class))
                .containsExactly("COMPLIANT", "RECORDING_BEFORE_DISCLOSURE");
        assertThat(timeline.getString("verdicts[1].prevHash")).isNotNull();
        assertThat(awaitViolations(call)).hasSize(1);
    }

    @Test
    void a_call_that_never_ends_is_flagged_incomplete_and_listed() {
        CallScript call =
                new CallScript(keys, ACME, TestNumbers.randomUs(), Instant.now().minusSeconds(3_600));
        send(call.status(CallStatus.ANSWERED, 0), call.disclosure(1, 8, true));

        awaitVerdict(call, "INCOMPLETE");
        given().queryParam("tenantId", ACME.value())
                .queryParam("verdict", "INCOMPLETE")
                .get("/v1/audit/calls")
                .then()
                .statusCode(200)
                .body("callId", org.hamcrest.Matchers.hasItem(call.callId));
    }

    @Test
    void the_same_event_delivered_twice_is_stored_and_judged_once() {
        CallScript call = call(ACME);
        var answered = call.status(CallStatus.ANSWERED, 0);
        var completed = call.status(CallStatus.COMPLETED, 30);
        send(answered, answered, completed, completed);

        JsonPath timeline = awaitVerdict(call, "NOT_RECORDED");
        assertThat(timeline.getList("events")).hasSize(2);
        await("no second verdict")
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> timeline(call).getList("verdicts").size() == 1);
    }

    @Test
    void a_poison_call_event_is_dead_lettered_and_the_next_call_is_judged() {
        CallScript call = call(ACME);
        String poison = "{\"not\": \"an event\", \"callId\": \"" + call.callId + "\"}";
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(Topics.TELEPHONY_CALL, call.subject.value(), poison);
        }
        send(call.status(CallStatus.ANSWERED, 0), call.status(CallStatus.COMPLETED, 30));

        awaitVerdict(call, "NOT_RECORDED");
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            await("the poison is dead-lettered")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> kafka.readAll(Topics.CONSENT_DEAD_LETTER).stream()
                            .anyMatch(record -> record.value().equals(poison)));
        }
    }

    @Test
    void an_unknown_call_is_404_and_a_missing_tenant_400() {
        given().queryParam("tenantId", "acme")
                .get("/v1/audit/calls/{id}", "CA-unknown")
                .then()
                .statusCode(404);
        given().get("/v1/audit/calls/{id}", "CA-unknown").then().statusCode(400);
    }

    private CallScript call(TenantId tenant) {
        return new CallScript(
                keys, tenant, TestNumbers.randomUs(), Instant.now().minusSeconds(120));
    }

    private static void send(EventEnvelope<?>... events) {
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            for (EventEnvelope<?> event : events) {
                kafka.send(event);
            }
        }
    }

    private static JsonPath timeline(CallScript call) {
        return given().queryParam("tenantId", call.tenant.value())
                .get("/v1/audit/calls/{id}", call.callId)
                .then()
                .extract()
                .jsonPath();
    }

    private static JsonPath awaitVerdict(CallScript call, String verdict) {
        return await("verdict " + verdict + " for " + call.callId)
                .atMost(Duration.ofSeconds(30))
                .until(() -> timeline(call), timeline -> verdict.equals(timeline.getString("verdict")));
    }

    private static List<ConsumerRecord<String, String>> violationsOf(CallScript call) {
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            return kafka.readAll(Topics.CONSENT_VIOLATION).stream()
                    .filter(record -> record.value().contains(call.callId))
                    .toList();
        }
    }

    private static List<ConsumerRecord<String, String>> awaitViolations(CallScript call) {
        return await("a violation for " + call.callId)
                .atMost(Duration.ofSeconds(30))
                .until(() -> violationsOf(call), violations -> !violations.isEmpty());
    }
}
