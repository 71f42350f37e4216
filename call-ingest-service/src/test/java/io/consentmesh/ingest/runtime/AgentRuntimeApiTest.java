package io.consentmesh.ingest.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.schema.EventSchemas;
import io.consentmesh.contracts.telephony.CallbackRequested;
import io.consentmesh.contracts.telephony.DisclosurePlayed;
import io.consentmesh.contracts.telephony.RecordingState;
import io.consentmesh.contracts.telephony.RecordingStateChanged;
import io.consentmesh.contracts.telephony.VerbalConsentDetected;
import io.consentmesh.contracts.telephony.VerbalIntent;
import io.consentmesh.ingest.IngestTestBase;
import io.consentmesh.ingest.ProviderAccountsAdmin;
import io.consentmesh.testkit.MeshInfrastructureResource;
import io.consentmesh.testkit.TestNumbers;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The agent runtime's reports become call events keyed by the person, once each, after authentication. */
@QuarkusTest
@WithTestResource(value = MeshInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class AgentRuntimeApiTest extends IngestTestBase {

    private static final String KEY_ID = "rt-" + UUID.randomUUID();
    private static final String SECRET = "runtime-secret-" + UUID.randomUUID();
    private static boolean registered;

    @Override
    protected void registerAccounts() {
        if (!registered) {
            ProviderAccountsAdmin.register("agent_runtime", KEY_ID, "acme", List.of(SECRET));
            registered = true;
        }
    }

    @Test
    void kw05ASpokenStopIsPublishedOnceRedactedAndKeyedByThePerson() {
        String person = TestNumbers.randomUs();
        String callId = "call-" + UUID.randomUUID();
        Map<String, Object> report = report(callId, person);
        report.put("intent", "OPT_OUT");
        report.put("transcriptOffsetMillis", 83250);
        report.put("utterance", "stop calling me, and my card is 4111 1111 1111 1111");
        report.put("confidence", 0.97);
        report.put("occurredAt", "2026-11-20T15:05:28Z");

        String eventId =
                post("verbal-consent", report).statusCode(202).extract().path("eventId");
        post("verbal-consent", report).statusCode(202).body("eventId", equalTo(eventId)); // the runtime's retry

        List<ConsumerRecord<String, String>> records = eventsWith(eventId, 1);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key())
                .isEqualTo(keys.subjectOf(TENANT, person).value());
        assertThat(new EventSchemas().violations(records.get(0).value())).isEmpty();
        EventEnvelope<VerbalConsentDetected> event =
                EventCodec.decode(records.get(0).value(), VerbalConsentDetected.class);
        assertThat(event.data().intent()).isEqualTo(VerbalIntent.OPT_OUT);
        assertThat(event.data().transcriptOffsetMillis()).isEqualTo(83250L);
        assertThat(event.data().utterance())
                .isEqualTo("stop calling me, and my card is [REDACTED:PAYMENT_CARD_NUMBER]");
    }

    @Test
    void disclosureRecordingStateAndCallbackReportsBecomeTheirEvents() {
        String person = TestNumbers.randomUs();
        String callId = "call-" + UUID.randomUUID();
        Map<String, Object> disclosure = report(callId, person);
        disclosure.putAll(Map.of(
                "announcementId", "recording-notice",
                "announcementVersion", "2026-03",
                "language", "en-US",
                "startedAt", "2026-11-20T15:04:01Z",
                "endedAt", "2026-11-20T15:04:05.400Z",
                "playedToEnd", true));
        Map<String, Object> recording = report(callId, person);
        recording.putAll(Map.of("state", "STARTED", "occurredAt", "2026-11-20T15:04:05.500Z"));
        Map<String, Object> callback = report(callId, person);
        callback.putAll(Map.of("preferredAt", "2026-11-21T17:00:00Z", "occurredAt", "2026-11-20T15:06:00Z"));

        String disclosureId =
                post("disclosure-played", disclosure).statusCode(202).extract().path("eventId");
        String recordingId =
                post("recording-state", recording).statusCode(202).extract().path("eventId");
        String callbackId =
                post("callback-requested", callback).statusCode(202).extract().path("eventId");

        DisclosurePlayed played = EventCodec.decode(
                        eventsWith(disclosureId, 1).get(0).value(), DisclosurePlayed.class)
                .data();
        assertThat(played.announcementVersion()).isEqualTo("2026-03");
        assertThat(played.endedAt()).isEqualTo(Instant.parse("2026-11-20T15:04:05.400Z"));
        assertThat(played.playedToEnd()).isTrue();
        assertThat(EventCodec.decode(eventsWith(recordingId, 1).get(0).value(), RecordingStateChanged.class)
                        .data()
                        .state())
                .isEqualTo(RecordingState.STARTED);
        assertThat(EventCodec.decode(eventsWith(callbackId, 1).get(0).value(), CallbackRequested.class)
                        .data()
                        .preferredAt())
                .isEqualTo(Instant.parse("2026-11-21T17:00:00Z"));
    }

    @Test
    void aWrongOrMissingKeyIs401AndAnInconsistentReportIs400() {
        Map<String, Object> disclosure = report("call-x", TestNumbers.randomUs());
        disclosure.putAll(Map.of(
                "announcementId", "recording-notice",
                "announcementVersion", "1",
                "language", "en-US",
                "startedAt", "2026-11-20T15:04:05Z",
                "endedAt", "2026-11-20T15:04:01Z",
                "playedToEnd", true));

        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + KEY_ID + ".wrong")
                .body(disclosure)
                .post("/v1/events/disclosure-played")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(disclosure)
                .post("/v1/events/disclosure-played")
                .then()
                .statusCode(401);
        post("disclosure-played", disclosure)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("endedAt is before startedAt"));
        disclosure.put("endedAt", "2026-11-20T15:04:09Z");
        disclosure.put("personNumber", "not a number");
        post("disclosure-played", disclosure)
                .statusCode(400)
                .body("detail", equalTo("personNumber: not a phone number: NOT_A_NUMBER"));
    }

    private static Map<String, Object> report(String callId, String person) {
        Map<String, Object> report = new HashMap<>();
        report.put("eventId", UUID.randomUUID().toString());
        report.put("callId", callId);
        report.put("personNumber", person);
        return report;
    }

    private static ValidatableResponse post(String path, Map<String, Object> body) {
        return given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + KEY_ID + "." + SECRET)
                .body(body)
                .post("/v1/events/" + path)
                .then();
    }

    private static List<ConsumerRecord<String, String>> eventsWith(String eventId, int atLeast) {
        return kafka.await(
                Topics.TELEPHONY_CALL,
                r -> r.value().contains("\"id\":\"" + eventId + "\""),
                atLeast,
                Duration.ofSeconds(30));
    }
}
