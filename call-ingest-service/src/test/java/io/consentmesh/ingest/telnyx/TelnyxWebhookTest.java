package io.consentmesh.ingest.telnyx;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.schema.EventSchemas;
import io.consentmesh.contracts.telephony.CallDirection;
import io.consentmesh.contracts.telephony.CallStatus;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.RecordingAvailable;
import io.consentmesh.contracts.telephony.SmsReceived;
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
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Telnyx API v2 webhooks, signed with Ed25519, become mesh events keyed by the person. */
@QuarkusTest
@WithTestResource(value = MeshInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class TelnyxWebhookTest extends IngestTestBase {

    private static final String PROFILE = UUID.randomUUID().toString();
    private static final String CONNECTION = "1494404757140276705";
    private static final TelnyxSigner OLD_KEY = new TelnyxSigner();
    private static final TelnyxSigner NEW_KEY = new TelnyxSigner();
    private static boolean registered;

    /** The messaging profile and the voice connection, each with the old and the new public key (a rotation). */
    @Override
    protected void registerAccounts() {
        if (registered) {
            return;
        }
        for (String account : List.of(PROFILE, CONNECTION)) {
            ProviderAccountsAdmin.register(
                    "telnyx", account, "acme", List.of(OLD_KEY.publicKeyBase64(), NEW_KEY.publicKeyBase64()));
        }
        registered = true;
    }

    @Test
    void anInboundMessageIsPublishedOnceKeyedByTheSenderEvenWhenTelnyxRetries() {
        String person = TestNumbers.randomUs();
        String eventId = UUID.randomUUID().toString();
        String body = messageReceived(eventId, person, "STOP");

        post(body, NEW_KEY, now()).statusCode(204);
        post(body, OLD_KEY, now()).statusCode(204); // Telnyx's retry, during a key rotation

        String envelopeId = EventIds.of("telnyx", eventId); // derived from data.id, which a retry repeats
        List<ConsumerRecord<String, String>> records =
                kafka.await(Topics.TELEPHONY_SMS, r -> r.value().contains(envelopeId), 1, Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key())
                .isEqualTo(keys.subjectOf(TENANT, person).value());
        assertThat(new EventSchemas().violations(records.get(0).value())).isEmpty();
        EventEnvelope<SmsReceived> event = EventCodec.decode(records.get(0).value(), SmsReceived.class);
        assertThat(event.source()).hasToString("/call-ingest/telnyx/" + PROFILE);
        assertThat(event.data().provider()).isEqualTo(Provider.TELNYX);
        assertThat(event.data().from()).isEqualTo(person);
        assertThat(event.data().to()).isEqualTo(TENANT_NUMBER);
        assertThat(event.data().body()).isEqualTo("STOP");
        assertThat(event.data().receivedAt()).isEqualTo(Instant.parse("2026-11-20T15:04:05.123Z"));
    }

    @Test
    void aTamperedBodyAStaleTimestampOrAnUnknownKeyIs403() {
        String body = messageReceived(UUID.randomUUID().toString(), TestNumbers.randomUs(), "STOP");
        String timestamp = now();

        given().contentType(ContentType.JSON)
                .header("telnyx-timestamp", timestamp)
                .header("telnyx-signature-ed25519", NEW_KEY.sign(timestamp, body))
                .body(body.replace("STOP", "START"))
                .post("/webhooks/telnyx")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo("the request signature is not valid"));
        post(body, NEW_KEY, String.valueOf(Instant.now().getEpochSecond() - 301))
                .statusCode(403);
        post(body, new TelnyxSigner(), timestamp).statusCode(403);
    }

    @Test
    void callLifecycleAndTheSavedRecordingAreKeyedByTheCaller() {
        String session = UUID.randomUUID().toString();
        String caller = TestNumbers.randomUs();

        post(call("call.initiated", session, caller, ""), NEW_KEY, now()).statusCode(204);
        post(call("call.answered", session, caller, ""), NEW_KEY, now()).statusCode(204);
        post(
                        call(
                                "call.hangup",
                                session,
                                caller,
                                ",\"hangup_cause\":\"normal_clearing\",\"hangup_source\":\"caller\""),
                        NEW_KEY,
                        now())
                .statusCode(204);
        post(recordingSaved(session, caller), NEW_KEY, now()).statusCode(204);

        List<ConsumerRecord<String, String>> events =
                kafka.await(Topics.TELEPHONY_CALL, r -> r.value().contains(session), 4, Duration.ofSeconds(30));
        assertThat(events).allSatisfy(r -> assertThat(r.key())
                .isEqualTo(keys.subjectOf(TENANT, caller).value()));
        assertThat(events.stream()
                        .map(r -> EventCodec.decode(r.value()).data())
                        .filter(CallStatusChanged.class::isInstance)
                        .map(c -> ((CallStatusChanged) c).status()))
                .containsExactlyInAnyOrder(CallStatus.INITIATED, CallStatus.ANSWERED, CallStatus.COMPLETED);
        RecordingAvailable recording = events.stream()
                .map(r -> EventCodec.decode(r.value()).data())
                .filter(RecordingAvailable.class::isInstance)
                .map(RecordingAvailable.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(recording.storageUri()).isEqualTo("https://example.telnyx.test/" + session + ".wav");
        assertThat(recording.durationSeconds()).isEqualTo(61);
        assertThat(recording.channels()).isEqualTo(2);
        CallStatusChanged initiated =
                (CallStatusChanged) EventCodec.decode(events.get(0).value()).data();
        assertThat(initiated.direction()).isEqualTo(CallDirection.INBOUND);
    }

    @Test
    void eventsNotMappedYetAreAcknowledgedAndNotJsonIs400() {
        String session = UUID.randomUUID().toString();
        post(
                        call("call.playback.started", session, TestNumbers.randomUs(), ",\"media_name\":\"notice\""),
                        NEW_KEY,
                        now())
                .statusCode(204);
        given().contentType(ContentType.JSON)
                .body("not json")
                .post("/webhooks/telnyx")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        post(call("call.initiated", session, TestNumbers.randomUs(), ""), NEW_KEY, now())
                .statusCode(204);
        List<ConsumerRecord<String, String>> events =
                kafka.await(Topics.TELEPHONY_CALL, r -> r.value().contains(session), 1, Duration.ofSeconds(30));
        assertThat(events).hasSize(1);
    }

    private static String now() {
        return String.valueOf(Instant.now().getEpochSecond());
    }

    private static ValidatableResponse post(String body, TelnyxSigner key, String timestamp) {
        return given().contentType(ContentType.JSON)
                .header("telnyx-timestamp", timestamp)
                .header("telnyx-signature-ed25519", key.sign(timestamp, body))
                .body(body)
                .post("/webhooks/telnyx")
                .then();
    }

    /** A message.received webhook as Telnyx documents it (API v2 envelope). */
    private static String messageReceived(String eventId, String from, String text) {
        return """
                {"data":{"event_type":"message.received","id":"%s","occurred_at":"2026-11-20T15:04:05.200+00:00",
                "payload":{"cc":[],"direction":"inbound","encoding":"GSM-7","errors":[],
                "from":{"carrier":"T-Mobile USA","line_type":"Wireless","phone_number":"%s"},
                "id":"%s","media":[],"messaging_profile_id":"%s","parts":1,"received_at":"2026-11-20T15:04:05.123+00:00",
                "record_type":"message","text":"%s",
                "to":[{"carrier":"Telnyx","line_type":"Wireless","phone_number":"%s","status":"webhook_delivered"}],
                "type":"SMS"},"record_type":"event"},
                "meta":{"attempt":1,"delivered_to":"https://hooks.example.test/webhooks/telnyx"}}"""
                .formatted(eventId, from, UUID.randomUUID(), PROFILE, text, TENANT_NUMBER);
    }

    private static String call(String type, String session, String caller, String extra) {
        return """
                {"data":{"event_type":"%s","id":"%s","occurred_at":"2026-11-20T15:04:05.000+00:00",
                "payload":{"call_control_id":"v3:%s","call_leg_id":"%s","call_session_id":"%s",
                "client_state":null,"connection_id":"%s","direction":"incoming","from":"%s","to":"%s",
                "start_time":"2026-11-20T15:04:00.000+00:00","state":"parked"%s},"record_type":"event"},
                "meta":{"attempt":1,"delivered_to":"https://hooks.example.test/webhooks/telnyx"}}"""
                .formatted(
                        type,
                        UUID.randomUUID(),
                        session,
                        UUID.randomUUID(),
                        session,
                        CONNECTION,
                        caller,
                        TENANT_NUMBER,
                        extra);
    }

    private static String recordingSaved(String session, String caller) {
        return call(
                "call.recording.saved",
                session,
                caller,
                ",\"channels\":\"dual\",\"recording_started_at\":\"2026-11-20T15:04:06.000+00:00\","
                        + "\"recording_ended_at\":\"2026-11-20T15:05:07.000+00:00\","
                        + "\"recording_urls\":{\"mp3\":\"https://example.telnyx.test/" + session + ".mp3\","
                        + "\"wav\":\"https://example.telnyx.test/" + session + ".wav\"}");
    }
}
