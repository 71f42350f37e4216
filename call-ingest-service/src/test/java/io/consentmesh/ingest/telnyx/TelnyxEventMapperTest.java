package io.consentmesh.ingest.telnyx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.telephony.CallStatus;
import io.consentmesh.contracts.telephony.MediaPlaybackEnded;
import io.consentmesh.contracts.telephony.MediaPlaybackStarted;
import io.consentmesh.contracts.telephony.MessageStatus;
import io.consentmesh.contracts.telephony.MessageStatusChanged;
import io.consentmesh.contracts.telephony.PlaybackKind;
import io.consentmesh.contracts.telephony.PlaybackOutcome;
import io.consentmesh.ingest.webhooks.MalformedWebhookException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Telnyx payloads, as documented, to mesh events; no broker needed. */
class TelnyxEventMapperTest {

    private static final String PROFILE = "40017c1a-6a3b-4c8e-9b1d-1f9e3a1c2b44";
    private static final String CONNECTION = "1494404757140276705";
    private static final String TENANT = "+14155550199";

    @Test
    void mapsEveryDocumentedHangupCause() {
        assertThat(TelnyxEventMapper.hangupStatus("normal_clearing")).isEqualTo(CallStatus.COMPLETED);
        assertThat(TelnyxEventMapper.hangupStatus("time_limit")).isEqualTo(CallStatus.COMPLETED);
        assertThat(TelnyxEventMapper.hangupStatus("unspecified")).isEqualTo(CallStatus.COMPLETED);
        assertThat(TelnyxEventMapper.hangupStatus("user_busy")).isEqualTo(CallStatus.BUSY);
        assertThat(TelnyxEventMapper.hangupStatus("no_answer")).isEqualTo(CallStatus.NO_ANSWER);
        assertThat(TelnyxEventMapper.hangupStatus("timeout")).isEqualTo(CallStatus.NO_ANSWER);
        assertThat(TelnyxEventMapper.hangupStatus("originator_cancel")).isEqualTo(CallStatus.CANCELED);
        assertThat(TelnyxEventMapper.hangupStatus("call_rejected")).isEqualTo(CallStatus.FAILED);
        assertThat(TelnyxEventMapper.hangupStatus("not_found")).isEqualTo(CallStatus.FAILED);
    }

    @Test
    void mapsEveryDocumentedRecipientStatusAndRefusesOthers() {
        assertThat(TelnyxEventMapper.messageStatus("queued")).isEqualTo(MessageStatus.QUEUED);
        assertThat(TelnyxEventMapper.messageStatus("sending")).isEqualTo(MessageStatus.SENDING);
        assertThat(TelnyxEventMapper.messageStatus("sent")).isEqualTo(MessageStatus.SENT);
        assertThat(TelnyxEventMapper.messageStatus("delivery_unconfirmed")).isEqualTo(MessageStatus.SENT);
        assertThat(TelnyxEventMapper.messageStatus("delivered")).isEqualTo(MessageStatus.DELIVERED);
        assertThat(TelnyxEventMapper.messageStatus("sending_failed")).isEqualTo(MessageStatus.FAILED);
        assertThat(TelnyxEventMapper.messageStatus("delivery_failed")).isEqualTo(MessageStatus.UNDELIVERED);
        assertThat(TelnyxEventMapper.messageStatus("expired")).isEqualTo(MessageStatus.UNDELIVERED);
        assertThatThrownBy(() -> TelnyxEventMapper.messageStatus("teleported"))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessage("to[].status 'teleported' is not a Telnyx message status");
    }

    @Test
    void mapsEveryDocumentedPlaybackStatusAndKeepsUnknownOnesAsUnknown() {
        assertThat(TelnyxEventMapper.playbackOutcome("completed")).isEqualTo(PlaybackOutcome.COMPLETED);
        assertThat(TelnyxEventMapper.playbackOutcome("cancelled")).isEqualTo(PlaybackOutcome.CANCELED);
        assertThat(TelnyxEventMapper.playbackOutcome("call_hangup")).isEqualTo(PlaybackOutcome.CALL_HUNG_UP);
        assertThat(TelnyxEventMapper.playbackOutcome("cancelled_amd")).isEqualTo(PlaybackOutcome.MACHINE_DETECTED);
        assertThat(TelnyxEventMapper.playbackOutcome("file_not_found")).isEqualTo(PlaybackOutcome.FAILED);
        assertThat(TelnyxEventMapper.playbackOutcome("failed")).isEqualTo(PlaybackOutcome.FAILED);
        assertThat(TelnyxEventMapper.playbackOutcome("unknown")).isEqualTo(PlaybackOutcome.UNKNOWN);
        assertThat(TelnyxEventMapper.playbackOutcome("added_next_year")).isEqualTo(PlaybackOutcome.UNKNOWN);
    }

    @Test
    void kw07AGroupMessageBlockedBy40300GivesEachRecipientItsStatusAndTheOptOut() {
        JsonNode webhook = json(TelnyxFixtures.messageStatus(
                "message.finalized",
                "4ee8c3a6-4995-4309-a3c6-38e3db9ea4be",
                PROFILE,
                "b0c7e8cb-6227-4c74-9f32-c7f80c30934b",
                TENANT,
                List.of(
                        TelnyxFixtures.recipient("+14155550100", "delivery_failed"),
                        TelnyxFixtures.recipient("4155550101", "delivered")),
                TelnyxFixtures.blockedDueToStop(),
                "[]"));

        List<MessageStatusChanged> statuses = TelnyxEventMapper.messageStatuses(webhook, PROFILE, "US", null);

        assertThat(statuses).extracting(MessageStatusChanged::to).containsExactly("+14155550100", "+14155550101");
        assertThat(statuses)
                .extracting(MessageStatusChanged::status)
                .containsExactly(MessageStatus.UNDELIVERED, MessageStatus.DELIVERED);
        assertThat(statuses).allSatisfy(status -> {
            assertThat(status.messageId()).isEqualTo("b0c7e8cb-6227-4c74-9f32-c7f80c30934b");
            assertThat(status.from()).isEqualTo(TENANT);
            assertThat(status.providerAccountId()).isEqualTo(PROFILE);
            assertThat(status.errorCode()).isEqualTo("40300");
            assertThat(status.recipientOptedOut()).isTrue();
            assertThat(status.occurredAt()).isEqualTo(Instant.parse("2026-11-20T15:04:09.148Z"));
        });
    }

    @Test
    void aMessageWithoutRecipientsOrWithAnUnknownStatusIsMalformed() {
        assertThatThrownBy(() -> TelnyxEventMapper.messageStatuses(
                        json(TelnyxFixtures.messageStatus(
                                "message.finalized", "e1", PROFILE, "m1", TENANT, List.of(), "[]", "[]")),
                        PROFILE,
                        "US",
                        null))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessage("to must list the message's recipients");
        assertThatThrownBy(() -> TelnyxEventMapper.messageStatuses(
                        json(TelnyxFixtures.messageStatus(
                                "message.sent",
                                "e2",
                                PROFILE,
                                "m2",
                                TENANT,
                                List.of(TelnyxFixtures.recipient("+14155550100", "")),
                                "[]",
                                "[]")),
                        PROFILE,
                        "US",
                        null))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessage("status is required");
    }

    @Test
    void rec03PlaybackAndSpeechKeepTheirCallMediaTimesAndHowTheyEnded() {
        JsonNode started = json(TelnyxFixtures.callControl(
                "call.playback.started",
                "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0",
                "2026-11-20T15:04:01.250+00:00",
                CONNECTION,
                "session-1",
                ",\"media_name\":\"recording-notice-en\",\"overlay\":false"));
        JsonNode spoken = json(TelnyxFixtures.callControl(
                "call.speak.ended",
                "1ddd7b54-4df3-4bca-a65a-3da1ecc777f1",
                "2026-11-20T15:04:03.500+00:00",
                CONNECTION,
                "session-1",
                ",\"status\":\"call_hangup\""));

        MediaPlaybackStarted start = TelnyxEventMapper.playbackStarted(started, CONNECTION);
        MediaPlaybackEnded end = TelnyxEventMapper.playbackEnded(spoken, CONNECTION);

        assertThat(start.callId()).isEqualTo("session-1");
        assertThat(start.media().kind()).isEqualTo(PlaybackKind.AUDIO);
        assertThat(start.media().mediaName()).isEqualTo("recording-notice-en");
        assertThat(start.media().mediaUrl()).isNull();
        assertThat(start.media().legId()).isEqualTo("leg-session-1");
        assertThat(start.providerEventId()).isEqualTo("0ccc7b54-4df3-4bca-a65a-3da1ecc777f0");
        assertThat(start.startedAt()).isEqualTo(Instant.parse("2026-11-20T15:04:01.250Z"));
        assertThat(end.media().kind()).isEqualTo(PlaybackKind.SPEECH);
        assertThat(end.media().clientState()).isEqualTo("eyJhbm5vdW5jZW1lbnQiOiJyZWNvcmRpbmctbm90aWNlIn0=");
        assertThat(end.outcome()).isEqualTo(PlaybackOutcome.CALL_HUNG_UP);
        assertThat(end.providerStatus()).isEqualTo("call_hangup");
        assertThat(end.endedAt()).isEqualTo(Instant.parse("2026-11-20T15:04:03.500Z"));
    }

    @Test
    void aPlaybackEndWithoutItsStatusIsMalformed() {
        JsonNode ended = json(TelnyxFixtures.callControl(
                "call.playback.ended", CONNECTION, "session-2", ",\"media_name\":\"recording-notice-en\""));

        assertThatThrownBy(() -> TelnyxEventMapper.playbackEnded(ended, CONNECTION))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessage("status is required");
    }

    private static JsonNode json(String body) {
        try {
            return EventCodec.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the fixture is not JSON", e);
        }
    }
}
