package io.consentmesh.consent.disclosure;

import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.CallDirection;
import io.consentmesh.contracts.telephony.CallStatus;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.contracts.telephony.DisclosurePlayed;
import io.consentmesh.contracts.telephony.MediaPlaybackEnded;
import io.consentmesh.contracts.telephony.MediaPlaybackStarted;
import io.consentmesh.contracts.telephony.PlaybackKind;
import io.consentmesh.contracts.telephony.PlaybackOutcome;
import io.consentmesh.contracts.telephony.PlayedMedia;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.RecordingAvailable;
import io.consentmesh.contracts.telephony.RecordingState;
import io.consentmesh.contracts.telephony.RecordingStateChanged;
import io.consentmesh.contracts.telephony.VerbalConsentDetected;
import io.consentmesh.contracts.telephony.VerbalIntent;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/** The call events of one inbound call from a person to the tenant, as call-ingest would publish them. */
final class CallScript {

    static final String TENANT_NUMBER = "+16465550199";
    private static final URI SOURCE = URI.create("/call-ingest/test");

    final TenantId tenant;
    final String callId = "CA" + UUID.randomUUID().toString().replace("-", "");
    final String person;
    final SubjectId subject;
    final Instant answered;

    CallScript(SubjectKeys keys, TenantId tenant, String person, Instant answered) {
        this.tenant = tenant;
        this.person = person;
        this.subject = keys.subjectOf(tenant, person);
        this.answered = answered;
    }

    Instant at(int second) {
        return answered.plusSeconds(second);
    }

    /** Answered, a complete disclosure from second 1 to 8, recording from second 9, hung up at 60. */
    EventEnvelope<?>[] compliant() {
        return new EventEnvelope<?>[] {
            status(CallStatus.ANSWERED, 0),
            disclosure(1, 8, true),
            recording(RecordingState.STARTED, 9),
            status(CallStatus.COMPLETED, 60)
        };
    }

    EventEnvelope<CallStatusChanged> status(CallStatus status, int second) {
        return event(new CallStatusChanged(
                callId,
                Provider.TWILIO,
                "AC-test",
                CallDirection.INBOUND,
                person,
                TENANT_NUMBER,
                status,
                null,
                at(second)));
    }

    EventEnvelope<DisclosurePlayed> disclosure(int from, int to, boolean playedToEnd) {
        return event(new DisclosurePlayed(
                callId, Provider.AGENT_RUNTIME, "rec-notice", "3", "en-US", at(from), at(to), playedToEnd));
    }

    EventEnvelope<MediaPlaybackStarted> mediaStarted(String mediaName, int second) {
        return event(new MediaPlaybackStarted(
                callId,
                Provider.TELNYX,
                "telnyx-test",
                media(mediaName),
                UUID.randomUUID().toString(),
                at(second)));
    }

    EventEnvelope<MediaPlaybackEnded> mediaEnded(String mediaName, PlaybackOutcome outcome, int second) {
        return event(new MediaPlaybackEnded(
                callId,
                Provider.TELNYX,
                "telnyx-test",
                media(mediaName),
                outcome,
                outcome.name().toLowerCase(),
                UUID.randomUUID().toString(),
                at(second)));
    }

    EventEnvelope<RecordingStateChanged> recording(RecordingState state, int second) {
        return event(new RecordingStateChanged(callId, Provider.TWILIO, state, at(second)));
    }

    EventEnvelope<RecordingAvailable> recordingAvailable(String recordingId, int startedSecond) {
        return event(new RecordingAvailable(
                callId,
                recordingId,
                Provider.TWILIO,
                "AC-test",
                "https://api.twilio.com/recordings/" + recordingId,
                at(startedSecond),
                60,
                2,
                at(90)));
    }

    EventEnvelope<VerbalConsentDetected> consent(int second) {
        return event(new VerbalConsentDetected(
                callId, Provider.AGENT_RUNTIME, VerbalIntent.OPT_IN, 9_000L, "yes, you may record", 0.98, at(second)));
    }

    private static PlayedMedia media(String mediaName) {
        return new PlayedMedia("leg-1", PlaybackKind.AUDIO, mediaName, null, null);
    }

    private <T> EventEnvelope<T> event(T data) {
        return EventEnvelope.of(
                EventIds.of("call-ingest", "test", UUID.randomUUID().toString()),
                SOURCE,
                tenant,
                subject,
                answered,
                data);
    }
}
