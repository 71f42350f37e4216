package io.consentmesh.ingest.twilio;

import static io.consentmesh.ingest.twilio.TwilioTestAccount.post;
import static io.consentmesh.ingest.twilio.TwilioTestAccount.postSigned;
import static io.consentmesh.ingest.twilio.TwilioTestAccount.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.schema.EventSchemas;
import io.consentmesh.contracts.telephony.CallDirection;
import io.consentmesh.contracts.telephony.CallStatus;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.contracts.telephony.KeypadInputReceived;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.RecordingAvailable;
import io.consentmesh.ingest.IngestTestBase;
import io.consentmesh.ingest.KeptRequests;
import io.consentmesh.testkit.Management;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Twilio voice and recording status callbacks become call events on telephony.call.v1, keyed by the person. */
@QuarkusTest
@MeshTest
class TwilioCallWebhookTest extends IngestTestBase {

    @Override
    protected void registerAccounts() {
        TwilioTestAccount.register();
    }

    private static final String VOICE = "/webhooks/twilio/voice-status";
    private static final String RECORDING = "/webhooks/twilio/recording-status";
    private static final String GATHER = "/webhooks/twilio/gather";

    @Test
    void anInboundCallsStatusBecomesACallEventKeyedByTheCaller() {
        String callSid = TwilioTestAccount.sid("CA");
        String caller = TestNumbers.randomUs();

        postSigned(VOICE, voiceStatus(callSid, caller, "inbound", "in-progress", "1"))
                .statusCode(204);

        ConsumerRecord<String, String> record = callEvents(callSid, 1).get(0);
        assertThat(record.key()).isEqualTo(keys.subjectOf(TENANT, caller).value());
        assertThat(new EventSchemas().violations(record.value())).isEmpty();
        CallStatusChanged call =
                published.opened(record.value(), CallStatusChanged.class).data();
        assertThat(call.status()).isEqualTo(CallStatus.ANSWERED);
        assertThat(call.direction()).isEqualTo(CallDirection.INBOUND);
        assertThat(call.from()).isEqualTo(caller);
        assertThat(call.to()).isEqualTo(TENANT_NUMBER);
        assertThat(call.sequenceNumber()).isEqualTo(1L);
        assertThat(call.occurredAt()).isEqualTo(Instant.parse("2026-11-20T15:04:05Z"));
    }

    @Test
    void anOutboundCallIsKeyedByTheCalledPersonAndARetriedCallbackIsPublishedOnce() {
        String callSid = TwilioTestAccount.sid("CA");
        String called = TestNumbers.randomUs();
        List<Map.Entry<String, String>> ringing = outbound(callSid, called, "ringing", "0");

        postSigned(VOICE, ringing).statusCode(204);
        postSigned(VOICE, ringing).statusCode(204); // Twilio's retry: same CallSid and SequenceNumber
        postSigned(VOICE, outbound(callSid, called, "completed", "1")).statusCode(204);

        List<ConsumerRecord<String, String>> events = callEvents(callSid, 2);
        assertThat(events).hasSize(2);
        assertThat(events).allSatisfy(r -> assertThat(r.key())
                .isEqualTo(keys.subjectOf(TENANT, called).value()));
    }

    @Test
    void anOutboundCallCarriesTheDecisionNamedOnItsSignedStatusCallbackUrl() {
        String callSid = TwilioTestAccount.sid("CA");
        String decision = UUID.randomUUID().toString();

        postSigned(VOICE + "?decisionId=" + decision, outbound(callSid, TestNumbers.randomUs(), "in-progress", "1"))
                .statusCode(204);

        CallStatusChanged call = published
                .opened(callEvents(callSid, 1).get(0).value(), CallStatusChanged.class)
                .data();
        assertThat(call.decisionId()).isEqualTo(decision);
        assertThat(call.direction()).isEqualTo(CallDirection.OUTBOUND);
    }

    @Test
    void aMenuChoiceAtAGatherIsPublishedOnceKeyedByThePersonOnTheCall() {
        String callSid = TwilioTestAccount.sid("CA");
        String caller = TestNumbers.randomUs();
        postSigned(VOICE, voiceStatus(callSid, caller, "inbound", "in-progress", "1"))
                .statusCode(204);
        List<Map.Entry<String, String>> pressed9 = gather(callSid, caller, "9");

        postSigned(GATHER, pressed9)
                .statusCode(200)
                .contentType(containsString("text/xml"))
                .body(equalTo(TwilioWebhookResource.EMPTY_TWIML));
        postSigned(GATHER, pressed9).statusCode(200); // Twilio's retry

        List<ConsumerRecord<String, String>> events = keypadEvents(callSid);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).key()).isEqualTo(keys.subjectOf(TENANT, caller).value());
        EventEnvelope<KeypadInputReceived> event =
                published.opened(events.get(0).value(), KeypadInputReceived.class);
        assertThat(event.id()).isEqualTo(EventIds.of("twilio", "keypad", callSid, "9"));
        assertThat(event.data().digits()).isEqualTo("9");
        assertThat(event.data().callId()).isEqualTo(callSid);
        assertThat(event.data().provider()).isEqualTo(Provider.TWILIO);
        assertThat(event.data().providerAccountId()).isEqualTo(TwilioTestAccount.ACCOUNT_SID);
    }

    @Test
    void aMenuChoiceBeforeAnyStatusCallbackOfTheCallIsKeyedByThePersonTheGatherNames() {
        // a tenant subscribed to "completed" only: the key press comes before any status callback of the call
        String callSid = TwilioTestAccount.sid("CA");
        String caller = TestNumbers.randomUs();

        postSigned(GATHER, gather(callSid, caller, "9")).statusCode(200);

        List<ConsumerRecord<String, String>> events = keypadEvents(callSid);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).key()).isEqualTo(keys.subjectOf(TENANT, caller).value());
    }

    @Test
    void ret04ACardNumberOrNoKeysAtAGatherIsAnswered200AndNeverPublishedOrKept() {
        String callSid = TwilioTestAccount.sid("CA");
        String caller = TestNumbers.randomUs();
        String card = "4111111111111111";
        postSigned(VOICE, voiceStatus(callSid, caller, "inbound", "in-progress", "1"))
                .statusCode(204);

        postSigned(GATHER, gather(callSid, caller, card))
                .statusCode(200)
                .body(equalTo(TwilioWebhookResource.EMPTY_TWIML));
        postSigned(GATHER, gather(callSid, caller, "")).statusCode(200); // a timeout
        // A later choice on the same call, published after the entries above were answered, bounds the wait.
        postSigned(GATHER, gather(callSid, caller, "#")).statusCode(200);

        List<ConsumerRecord<String, String>> events = keypadEvents(callSid);
        assertThat(events).hasSize(1);
        assertThat(published
                        .opened(events.get(0).value(), KeypadInputReceived.class)
                        .data()
                        .digits())
                .isEqualTo("#");
        assertThat(kafka.readAll(Topics.TELEPHONY_CALL))
                .noneMatch(r -> r.value().contains(card));
        assertThat(kafka.readAll(Topics.INGEST_REJECTED)).noneMatch(r -> KeptRequests.keptWith(r, callSid));
        Management.given()
                .get("/q/metrics")
                .then()
                .body(
                        containsString(
                                "mesh_ingest_webhooks_total{kind=\"keypad\",outcome=\"ignored-long-entry\",provider=\"twilio\"}"))
                .body(containsString(
                        "mesh_ingest_webhooks_total{kind=\"keypad\",outcome=\"ignored-no-keys\",provider=\"twilio\"}"));
    }

    @Test
    void aGatherWithABadSignatureIs403AndPublishesNothing() {
        String callSid = TwilioTestAccount.sid("CA");
        String caller = TestNumbers.randomUs();
        List<Map.Entry<String, String>> forged = gather(callSid, caller, "9");

        post(GATHER, forged, sign(GATHER, forged, "not-the-token"))
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo("the request signature is not valid"));
        post(GATHER, forged, null).statusCode(403);

        postSigned(GATHER, gather(callSid, caller, "1")).statusCode(200);
        assertThat(keypadEvents(callSid))
                .extracting(r -> published
                        .opened(r.value(), KeypadInputReceived.class)
                        .data()
                        .digits())
                .containsExactly("1");
    }

    @Test
    void aCompletedRecordingIsPublishedKeyedByThePersonOnTheCall() {
        String callSid = TwilioTestAccount.sid("CA");
        String recordingSid = TwilioTestAccount.sid("RE");
        String caller = TestNumbers.randomUs();
        postSigned(VOICE, voiceStatus(callSid, caller, "inbound", "in-progress", "1"))
                .statusCode(204);

        postSigned(RECORDING, recordingStatus(callSid, recordingSid, "completed"))
                .statusCode(204);

        ConsumerRecord<String, String> record = kafka.await(
                        Topics.TELEPHONY_CALL, r -> r.value().contains(recordingSid), 1, Duration.ofSeconds(30))
                .get(0);
        assertThat(record.key()).isEqualTo(keys.subjectOf(TENANT, caller).value());
        EventEnvelope<RecordingAvailable> event = published.opened(record.value(), RecordingAvailable.class);
        assertThat(new EventSchemas().violations(record.value())).isEmpty();
        assertThat(event.data().callId()).isEqualTo(callSid);
        assertThat(event.data().storageUri())
                .isEqualTo("https://api.twilio.com/2010-04-01/Accounts/" + TwilioTestAccount.ACCOUNT_SID
                        + "/Recordings/" + recordingSid);
        assertThat(event.data().durationSeconds()).isEqualTo(312);
        assertThat(event.data().channels()).isEqualTo(2);
        assertThat(event.data().recordingStartedAt()).isEqualTo(Instant.parse("2026-11-20T15:04:09Z"));
    }

    @Test
    void aRecordingThatWasNotStoredPublishesNothing() {
        String callSid = TwilioTestAccount.sid("CA");
        String absent = TwilioTestAccount.sid("RE");
        String completed = TwilioTestAccount.sid("RE");

        postSigned(RECORDING, recordingStatus(callSid, absent, "absent")).statusCode(204);
        postSigned(RECORDING, recordingStatus(callSid, completed, "completed")).statusCode(204);

        kafka.await(Topics.TELEPHONY_CALL, r -> r.value().contains(completed), 1, Duration.ofSeconds(30));
        assertThat(kafka.readAll(Topics.TELEPHONY_CALL))
                .noneMatch(r -> r.value().contains(absent));
    }

    @Test
    void anUnknownCallStatusIs400() {
        postSigned(
                        VOICE,
                        voiceStatus(TwilioTestAccount.sid("CA"), TestNumbers.randomUs(), "inbound", "teleported", "1"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("CallStatus 'teleported' is not a Twilio call status"));
    }

    @Test
    void aRecordingDurationThatIsNegativeOrTooLargeIs400AndKeptAsRejectedNotA500() {
        for (String duration : new String[] {"-1", "2147483648"}) {
            String recordingSid = TwilioTestAccount.sid("RE");
            List<Map.Entry<String, String>> form =
                    recordingStatus(TwilioTestAccount.sid("CA"), recordingSid, "completed").stream()
                            .map(p -> p.getKey().equals("RecordingDuration") ? Map.entry(p.getKey(), duration) : p)
                            .toList();
            postSigned(RECORDING, form)
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("RecordingDuration must be a whole number from 0 to 2147483647"));
            assertThat(kafka.await(
                            Topics.INGEST_REJECTED,
                            r -> r.value().contains("RecordingDuration must be a whole number"),
                            1,
                            Duration.ofSeconds(30)))
                    .isNotEmpty();
        }
        // and a NUL in any value is refused, never handed to the database or a topic
        List<Map.Entry<String, String>> nul =
                recordingStatus(TwilioTestAccount.sid("CA"), TwilioTestAccount.sid("RE"), "completed").stream()
                        .map(p -> p.getKey().equals("RecordingSource") ? Map.entry(p.getKey(), "Dial\u0000Verb") : p)
                        .toList();
        postSigned(RECORDING, nul)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("form parameter 'RecordingSource' contains a NUL character"));
    }

    private static List<ConsumerRecord<String, String>> callEvents(String callSid, int atLeast) {
        return kafka.await(
                Topics.TELEPHONY_CALL,
                r -> r.value().contains("mesh.call.status-changed.v2")
                        && r.value().contains(callSid),
                atLeast,
                Duration.ofSeconds(30));
    }

    private static List<ConsumerRecord<String, String>> keypadEvents(String callSid) {
        return kafka.await(
                Topics.TELEPHONY_CALL,
                r -> r.value().contains("mesh.call.keypad-input.v1")
                        && r.value().contains(callSid),
                1,
                Duration.ofSeconds(30));
    }

    /** The parameters of Twilio's request to a {@code <Gather action>}: the call's, plus the keys pressed. */
    private static List<Map.Entry<String, String>> gather(String callSid, String caller, String digits) {
        List<Map.Entry<String, String>> params =
                new ArrayList<>(voiceStatus(callSid, caller, "inbound", "in-progress", "1"));
        params.removeIf(p -> p.getKey().equals("SequenceNumber") || p.getKey().equals("CallbackSource"));
        params.add(Map.entry("Digits", digits));
        params.add(Map.entry("FinishedOnKey", "#"));
        params.add(Map.entry("msg", "Gather End"));
        return params;
    }

    private static List<Map.Entry<String, String>> outbound(String callSid, String called, String status, String seq) {
        List<Map.Entry<String, String>> params =
                new ArrayList<>(voiceStatus(callSid, called, "outbound-api", status, seq));
        // outbound: the tenant calls the person
        params.replaceAll(p -> switch (p.getKey()) {
            case "From" -> Map.entry("From", TENANT_NUMBER);
            case "To" -> Map.entry("To", called);
            default -> p;
        });
        return params;
    }

    /** The parameters of Twilio's voice status callback (docs: call resource status callbacks). */
    private static List<Map.Entry<String, String>> voiceStatus(
            String callSid, String caller, String direction, String status, String sequence) {
        return List.of(
                Map.entry("AccountSid", TwilioTestAccount.ACCOUNT_SID),
                Map.entry("ApiVersion", "2010-04-01"),
                Map.entry("CallSid", callSid),
                Map.entry("CallStatus", status),
                Map.entry("CallbackSource", "call-progress-events"),
                Map.entry("Direction", direction),
                Map.entry("From", caller),
                Map.entry("To", TENANT_NUMBER),
                Map.entry("SequenceNumber", sequence),
                Map.entry("Timestamp", "Fri, 20 Nov 2026 15:04:05 +0000"),
                Map.entry("CallerCountry", "US"));
    }

    /** The parameters of Twilio's recording status callback: it names the call, not its parties. */
    private static List<Map.Entry<String, String>> recordingStatus(String callSid, String recordingSid, String status) {
        return List.of(
                Map.entry("AccountSid", TwilioTestAccount.ACCOUNT_SID),
                Map.entry("CallSid", callSid),
                Map.entry("RecordingSid", recordingSid),
                Map.entry(
                        "RecordingUrl",
                        "https://api.twilio.com/2010-04-01/Accounts/" + TwilioTestAccount.ACCOUNT_SID + "/Recordings/"
                                + recordingSid),
                Map.entry("RecordingStatus", status),
                Map.entry("RecordingDuration", "312"),
                Map.entry("RecordingChannels", "2"),
                Map.entry("RecordingStartTime", "Fri, 20 Nov 2026 15:04:09 +0000"),
                Map.entry("RecordingSource", "DialVerb"),
                Map.entry("RecordingTrack", "both"),
                Map.entry("ErrorCode", "0"));
    }
}
