package io.consentmesh.ingest.telnyx;

import static io.consentmesh.contracts.telephony.PlaybackKind.AUDIO;
import static io.consentmesh.contracts.telephony.PlaybackKind.SPEECH;
import static io.consentmesh.ingest.KeptRequests.keptWith;
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
import io.consentmesh.contracts.telephony.KeypadInputReceived;
import io.consentmesh.contracts.telephony.MediaPlaybackEnded;
import io.consentmesh.contracts.telephony.MediaPlaybackStarted;
import io.consentmesh.contracts.telephony.MessageStatus;
import io.consentmesh.contracts.telephony.MessageStatusChanged;
import io.consentmesh.contracts.telephony.PlaybackOutcome;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.RecordingAvailable;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.contracts.telephony.WebhookRejected;
import io.consentmesh.ingest.IngestTestBase;
import io.consentmesh.ingest.ProviderAccountsAdmin;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Telnyx API v2 webhooks, signed with Ed25519, become mesh events keyed by the person. */
@QuarkusTest
@MeshTest
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
        String body = TelnyxFixtures.messageReceived(eventId, PROFILE, person, TENANT_NUMBER, "STOP");

        post(body, NEW_KEY, now()).statusCode(204);
        post(body, OLD_KEY, now()).statusCode(204); // Telnyx's retry, during a key rotation

        String envelopeId = EventIds.of("telnyx", eventId); // derived from data.id, which a retry repeats
        List<ConsumerRecord<String, String>> records =
                kafka.await(Topics.TELEPHONY_SMS, r -> r.value().contains(envelopeId), 1, Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key())
                .isEqualTo(keys.subjectOf(TENANT, person).value());
        assertThat(new EventSchemas().violations(records.get(0).value())).isEmpty();
        EventEnvelope<SmsReceived> event = published.opened(records.get(0).value(), SmsReceived.class);
        assertThat(event.source()).hasToString("/call-ingest/telnyx/" + PROFILE);
        assertThat(event.data().provider()).isEqualTo(Provider.TELNYX);
        assertThat(event.data().from()).isEqualTo(person);
        assertThat(event.data().to()).isEqualTo(TENANT_NUMBER);
        assertThat(event.data().body()).isEqualTo("STOP");
        assertThat(event.data().receivedAt()).isEqualTo(Instant.parse("2026-11-20T15:04:05.123Z"));
    }

    @Test
    void aTamperedBodyAStaleTimestampOrAnUnknownKeyIs403() {
        String body = TelnyxFixtures.messageReceived(
                UUID.randomUUID().toString(), PROFILE, TestNumbers.randomUs(), TENANT_NUMBER, "STOP");
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
                        .map(r -> published.opened(r.value()).data())
                        .filter(CallStatusChanged.class::isInstance)
                        .map(c -> ((CallStatusChanged) c).status()))
                .containsExactlyInAnyOrder(CallStatus.INITIATED, CallStatus.ANSWERED, CallStatus.COMPLETED);
        RecordingAvailable recording = events.stream()
                .map(r -> published.opened(r.value()).data())
                .filter(RecordingAvailable.class::isInstance)
                .map(RecordingAvailable.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(recording.storageUri()).isEqualTo("https://example.telnyx.test/" + session + ".wav");
        assertThat(recording.durationSeconds()).isEqualTo(61);
        assertThat(recording.channels()).isEqualTo(2);
        CallStatusChanged initiated =
                (CallStatusChanged) published.opened(events.get(0).value()).data();
        assertThat(initiated.direction()).isEqualTo(CallDirection.INBOUND);
    }

    @Test
    void aFinalizedMessageIsPublishedOnceWithItsDeliveryStatusKeyedByTheRecipient() {
        String person = TestNumbers.randomUs();
        String messageId = UUID.randomUUID().toString();
        String sentId = UUID.randomUUID().toString();
        String finalizedId = UUID.randomUUID().toString();
        String finalized = messageStatus("message.finalized", finalizedId, messageId, person, "delivered", "[]");

        post(messageStatus("message.sent", sentId, messageId, person, "sent", "[]"), NEW_KEY, now())
                .statusCode(204);
        post(finalized, NEW_KEY, now()).statusCode(204);
        post(finalized, OLD_KEY, now()).statusCode(204); // Telnyx's retry

        List<ConsumerRecord<String, String>> records = statusEvents(messageId, 2);
        assertThat(records).hasSize(2);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(keys.subjectOf(TENANT, person).value());
            assertThat(new EventSchemas().violations(r.value())).isEmpty();
        });
        List<EventEnvelope<MessageStatusChanged>> events = records.stream()
                .map(r -> published.opened(r.value(), MessageStatusChanged.class))
                .toList();
        assertThat(events)
                .extracting(EventEnvelope::id)
                .containsExactlyInAnyOrder(
                        EventIds.of("telnyx", sentId, "to", "0"), EventIds.of("telnyx", finalizedId, "to", "0"));
        assertThat(events)
                .extracting(e -> e.data().status())
                .containsExactlyInAnyOrder(MessageStatus.SENT, MessageStatus.DELIVERED);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.data().provider()).isEqualTo(Provider.TELNYX);
            assertThat(e.data().providerAccountId()).isEqualTo(PROFILE);
            assertThat(e.data().from()).isEqualTo(TENANT_NUMBER);
            assertThat(e.data().to()).isEqualTo(person);
            assertThat(e.data().errorCode()).isNull();
            assertThat(e.data().recipientOptedOut()).isFalse();
        });
    }

    @Test
    void kw07ASendBlockedWith40300IsPublishedAsRecipientOptedOut() {
        String person = TestNumbers.randomUs();
        String messageId = UUID.randomUUID().toString();

        post(
                        messageStatus(
                                "message.finalized",
                                UUID.randomUUID().toString(),
                                messageId,
                                person,
                                "sending_failed",
                                TelnyxFixtures.blockedDueToStop()),
                        NEW_KEY,
                        now())
                .statusCode(204);

        MessageStatusChanged status = published
                .opened(statusEvents(messageId, 1).get(0).value(), MessageStatusChanged.class)
                .data();
        assertThat(status.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(status.errorCode()).isEqualTo("40300");
        assertThat(status.recipientOptedOut()).isTrue();
    }

    @Test
    void rec03PlaybackAndSpeechOnACallArePublishedOnceEachWithMediaTimesAndOutcome() {
        String session = UUID.randomUUID().toString();
        String caller = TestNumbers.randomUs();
        post(call("call.answered", session, caller, ""), NEW_KEY, now()).statusCode(204);
        String notice = ",\"media_name\":\"recording-notice-en\",\"overlay\":false";
        String playbackEnded = playback(
                "call.playback.ended", session, "2026-11-20T15:04:04.750+00:00", notice + ",\"status\":\"completed\"");

        // out of order, as Telnyx may deliver them, and the end twice
        post(playbackEnded, NEW_KEY, now()).statusCode(204);
        post(playback("call.playback.started", session, "2026-11-20T15:04:01.250+00:00", notice), NEW_KEY, now())
                .statusCode(204);
        post(playbackEnded, OLD_KEY, now()).statusCode(204);
        post(playback("call.speak.started", session, "2026-11-20T15:04:05.000+00:00", ""), NEW_KEY, now())
                .statusCode(204);
        post(
                        playback(
                                "call.speak.ended",
                                session,
                                "2026-11-20T15:04:06.100+00:00",
                                ",\"status\":\"call_hangup\""),
                        NEW_KEY,
                        now())
                .statusCode(204);

        List<ConsumerRecord<String, String>> records = kafka.await(
                Topics.TELEPHONY_CALL,
                r -> r.value().contains(session) && r.value().contains("media-playback"),
                4,
                Duration.ofSeconds(30));
        assertThat(records).hasSize(4);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.key())
                    .as("keyed by the caller the call's status told us about")
                    .isEqualTo(keys.subjectOf(TENANT, caller).value());
            assertThat(new EventSchemas().violations(r.value())).isEmpty();
        });
        List<Object> events = records.stream()
                .<Object>map(r -> published.opened(r.value()).data())
                .toList();
        List<MediaPlaybackStarted> starts = ofType(events, MediaPlaybackStarted.class);
        List<MediaPlaybackEnded> ends = ofType(events, MediaPlaybackEnded.class);
        assertThat(starts).extracting(e -> e.media().kind()).containsExactlyInAnyOrder(AUDIO, SPEECH);
        assertThat(ends).extracting(e -> e.media().kind()).containsExactlyInAnyOrder(AUDIO, SPEECH);
        MediaPlaybackStarted audioStart = starts.stream()
                .filter(e -> e.media().kind() == AUDIO)
                .findFirst()
                .orElseThrow();
        MediaPlaybackEnded audioEnd =
                ends.stream().filter(e -> e.media().kind() == AUDIO).findFirst().orElseThrow();
        MediaPlaybackEnded speechEnd = ends.stream()
                .filter(e -> e.media().kind() == SPEECH)
                .findFirst()
                .orElseThrow();
        assertThat(audioStart.callId()).isEqualTo(session);
        assertThat(audioStart.providerAccountId()).isEqualTo(CONNECTION);
        assertThat(audioStart.media()).as("start and end name the same media").isEqualTo(audioEnd.media());
        assertThat(audioStart.media().mediaName()).isEqualTo("recording-notice-en");
        assertThat(audioStart.startedAt()).isEqualTo(Instant.parse("2026-11-20T15:04:01.250Z"));
        assertThat(audioEnd.endedAt()).isEqualTo(Instant.parse("2026-11-20T15:04:04.750Z"));
        assertThat(audioEnd.outcome()).isEqualTo(PlaybackOutcome.COMPLETED);
        assertThat(speechEnd.outcome()).isEqualTo(PlaybackOutcome.CALL_HUNG_UP);
        assertThat(speechEnd.media().clientState()).isEqualTo("eyJhbm5vdW5jZW1lbnQiOiJyZWNvcmRpbmctbm90aWNlIn0=");
    }

    @Test
    void signedButMalformedPlaybackAndStatusEventsAre400AndKeptEncryptedOnTheRejectedTopic() {
        String session = UUID.randomUUID().toString();
        String noStatus = playback(
                "call.playback.ended",
                session,
                "2026-11-20T15:04:04.750+00:00",
                ",\"media_name\":\"recording-notice-en\"");
        String messageId = UUID.randomUUID().toString();
        String unknownStatus = messageStatus(
                "message.finalized", UUID.randomUUID().toString(), messageId, TestNumbers.randomUs(), "lost", "[]");

        post(noStatus, NEW_KEY, now())
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("status is required"));
        post(noStatus, OLD_KEY, now()).statusCode(400); // the same request again is kept once
        post(unknownStatus, NEW_KEY, now())
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("to[].status 'lost' is not a Telnyx message status"));

        List<ConsumerRecord<String, String>> records = kafka.await(
                Topics.INGEST_REJECTED, r -> keptWith(r, session) || keptWith(r, messageId), 2, Duration.ofSeconds(30));
        assertThat(records).hasSize(2);
        assertThat(records).allSatisfy(r -> {
            assertThat(new EventSchemas().violations(r.value())).isEmpty();
            assertThat(r.value()).as("nothing of the body in the clear").doesNotContain(session, messageId);
        });
        List<WebhookRejected> kept = records.stream()
                .map(r -> EventCodec.decode(r.value(), WebhookRejected.class).data())
                .toList();
        assertThat(kept)
                .extracting(WebhookRejected::reason)
                .containsExactlyInAnyOrder("status is required", "to[].status 'lost' is not a Telnyx message status");
        assertThat(kept).allSatisfy(r -> assertThat(r.provider()).isEqualTo(Provider.TELNYX));
        assertThat(kafka.readAll(Topics.TELEPHONY_CALL))
                .noneMatch(r -> r.value().contains(session));
        assertThat(kafka.readAll(Topics.TELEPHONY_SMS)).noneMatch(r -> r.value().contains(messageId));
    }

    @Test
    void eventsThatAreNoEvidenceAreAcknowledgedAndNotJsonIs400() {
        String session = UUID.randomUUID().toString();
        post(
                        TelnyxFixtures.callControl(
                                "call.dtmf.received",
                                CONNECTION,
                                session,
                                ",\"digit\":\"1\",\"from\":\"+14155550100\""),
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

    @Test
    void aMenuChoiceAtAGatherIsPublishedOnceKeyedByThePersonOnTheCall() {
        String session = UUID.randomUUID().toString();
        String caller = TestNumbers.randomUs();
        post(call("call.answered", session, caller, ""), NEW_KEY, now()).statusCode(204);
        String eventId = UUID.randomUUID().toString();
        String pressed9 = gatherEnded(eventId, session, "9");

        post(pressed9, NEW_KEY, now()).statusCode(204);
        post(pressed9, OLD_KEY, now()).statusCode(204); // Telnyx's retry

        List<ConsumerRecord<String, String>> events = keypadEvents(session);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).key()).isEqualTo(keys.subjectOf(TENANT, caller).value());
        EventEnvelope<KeypadInputReceived> event =
                published.opened(events.get(0).value(), KeypadInputReceived.class);
        assertThat(event.id()).isEqualTo(EventIds.of("telnyx", eventId));
        assertThat(event.data().digits()).isEqualTo("9");
        assertThat(event.data().callId()).isEqualTo(session);
        assertThat(event.data().provider()).isEqualTo(Provider.TELNYX);
        assertThat(event.data().providerAccountId()).isEqualTo(CONNECTION);
        assertThat(event.data().occurredAt()).isEqualTo(Instant.parse("2026-11-20T15:04:05Z"));
    }

    @Test
    void ret04AGatheredCardNumberAndEachKeyOfItAreAcknowledgedAndNeverPublished() {
        String session = UUID.randomUUID().toString();
        String card = "4111111111111111";
        post(call("call.answered", session, TestNumbers.randomUs(), ""), NEW_KEY, now())
                .statusCode(204);

        // call.dtmf.received comes for every key, inside a gather too: one key alone may be part of the card number
        for (char key : card.substring(0, 2).toCharArray()) {
            post(
                            TelnyxFixtures.callControl(
                                    "call.dtmf.received", CONNECTION, session, ",\"digit\":\"" + key + "\""),
                            NEW_KEY,
                            now())
                    .statusCode(204);
        }
        post(gatherEnded(UUID.randomUUID().toString(), session, card), NEW_KEY, now())
                .statusCode(204);
        post(gatherEnded(UUID.randomUUID().toString(), session, ""), NEW_KEY, now())
                .statusCode(204); // a timeout
        // A later choice on the same call, published after the entries above were answered, bounds the wait.
        post(gatherEnded(UUID.randomUUID().toString(), session, "*"), NEW_KEY, now())
                .statusCode(204);

        List<ConsumerRecord<String, String>> events = keypadEvents(session);
        assertThat(events)
                .extracting(r -> published
                        .opened(r.value(), KeypadInputReceived.class)
                        .data()
                        .digits())
                .containsExactly("*");
        assertThat(kafka.readAll(Topics.TELEPHONY_CALL))
                .noneMatch(r -> r.value().contains(card));
        assertThat(kafka.readAll(Topics.INGEST_REJECTED)).noneMatch(r -> keptWith(r, session));
    }

    @Test
    void theDecisionTaggedOnASendOrNamedInAnOutboundCallsClientStateIsCarried() {
        String decision = UUID.randomUUID().toString();
        String person = TestNumbers.randomUs();
        String messageId = UUID.randomUUID().toString();
        String session = UUID.randomUUID().toString();
        String clientState =
                Base64.getEncoder().encodeToString(("decision:" + decision).getBytes(StandardCharsets.UTF_8));

        post(
                        TelnyxFixtures.messageStatus(
                                "message.finalized",
                                UUID.randomUUID().toString(),
                                PROFILE,
                                messageId,
                                TENANT_NUMBER,
                                List.of(TelnyxFixtures.recipient(person, "delivered")),
                                "[]",
                                "[\"campaign:renewals\",\"decision:" + decision + "\"]"),
                        NEW_KEY,
                        now())
                .statusCode(204);
        post(
                        TelnyxFixtures.call(
                                "call.answered",
                                CONNECTION,
                                session,
                                TENANT_NUMBER,
                                person,
                                "outgoing",
                                clientState,
                                ""),
                        NEW_KEY,
                        now())
                .statusCode(204);

        MessageStatusChanged sent = published
                .opened(statusEvents(messageId, 1).get(0).value(), MessageStatusChanged.class)
                .data();
        assertThat(sent.decisionId()).isEqualTo(decision);
        ConsumerRecord<String, String> answered = kafka.await(
                        Topics.TELEPHONY_CALL, r -> r.value().contains(session), 1, Duration.ofSeconds(30))
                .get(0);
        assertThat(answered.key()).isEqualTo(keys.subjectOf(TENANT, person).value());
        CallStatusChanged call =
                published.opened(answered.value(), CallStatusChanged.class).data();
        assertThat(call.direction()).isEqualTo(CallDirection.OUTBOUND);
        assertThat(call.decisionId()).isEqualTo(decision);
    }

    private static List<ConsumerRecord<String, String>> keypadEvents(String session) {
        return kafka.await(
                Topics.TELEPHONY_CALL,
                r -> r.value().contains("mesh.call.keypad-input.v1")
                        && r.value().contains(session),
                1,
                Duration.ofSeconds(30));
    }

    /** call.gather.ended of a gather command: the keys of the whole entry. */
    private static String gatherEnded(String eventId, String session, String digits) {
        return TelnyxFixtures.callControl(
                "call.gather.ended",
                eventId,
                "2026-11-20T15:04:05.000+00:00",
                CONNECTION,
                session,
                ",\"digits\":\"%s\",\"from\":\"+14155550100\",\"to\":\"%s\",\"status\":\"valid\""
                        .formatted(digits, TENANT_NUMBER));
    }

    private static <T> List<T> ofType(List<Object> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<ConsumerRecord<String, String>> statusEvents(String messageId, int atLeast) {
        return kafka.await(
                Topics.TELEPHONY_SMS,
                r -> r.value().contains("mesh.sms.status-changed.v2")
                        && r.value().contains(messageId),
                atLeast,
                Duration.ofSeconds(30));
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

    /** An outbound SMS from the tenant's number to one person, with that person's status. */
    private static String messageStatus(
            String type, String eventId, String messageId, String person, String status, String errors) {
        return TelnyxFixtures.messageStatus(
                type,
                eventId,
                PROFILE,
                messageId,
                TENANT_NUMBER,
                List.of(TelnyxFixtures.recipient(person, status)),
                errors,
                "[]");
    }

    private static String call(String type, String session, String caller, String extra) {
        return TelnyxFixtures.call(type, CONNECTION, session, caller, TENANT_NUMBER, "incoming", extra);
    }

    private static String playback(String type, String session, String occurredAt, String fields) {
        return TelnyxFixtures.callControl(type, UUID.randomUUID().toString(), occurredAt, CONNECTION, session, fields);
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
