package io.consentmesh.contracts.telephony;

import io.consentmesh.contracts.Required;
import io.consentmesh.contracts.privacy.Personal;
import io.consentmesh.contracts.privacy.PersonalKind;
import java.time.Instant;

/**
 * A transcript (or, for real-time transcription, one utterance of it) of a call. The text is already redacted: card
 * numbers, security codes, bank and SSN digits were replaced by {@code [REDACTED:<KIND>]} before publishing.
 *
 * @param transcriptionId the provider's transcription id
 * @param track {@code inbound_track} / {@code outbound_track} for real-time transcription, else null
 * @param sequence the utterance's sequence number for real-time transcription, else null
 * @param redactions how many spans were redacted (their kinds and positions are in a SensitiveDataRedacted event)
 */
public record TranscriptAvailable(
        String callId,
        Provider provider,
        String providerAccountId,
        String transcriptionId,
        String recordingId,
        String track,
        Long sequence,
        @Personal(PersonalKind.TRANSCRIPT) String text,
        int redactions,
        Instant occurredAt) {

    public TranscriptAvailable {
        Required.text(callId, "callId");
        Required.value(provider, "provider");
        Required.text(providerAccountId, "providerAccountId");
        Required.text(transcriptionId, "transcriptionId");
        Required.value(text, "text");
        Required.value(occurredAt, "occurredAt");
    }
}
