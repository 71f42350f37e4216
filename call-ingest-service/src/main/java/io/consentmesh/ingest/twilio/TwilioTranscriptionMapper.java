package io.consentmesh.ingest.twilio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.ingest.webhooks.FormBody;
import io.consentmesh.ingest.webhooks.MalformedWebhookException;
import java.util.Optional;

/**
 * Twilio's two transcription callbacks: {@code <Record transcribeCallback>} (one text per recording) and real-time
 * {@code <Start><Transcription>} (one utterance per callback, with its track and sequence). The text returned here is
 * raw; it is redacted before anything is published.
 */
public final class TwilioTranscriptionMapper {

    /** One transcript or utterance as Twilio sent it. */
    public record Utterance(
            String callId, String transcriptionId, String recordingId, String track, Long sequence, String text) {}

    private TwilioTranscriptionMapper() {}

    /** Empty for callbacks that carry no text: failed transcriptions, real-time start/stop/error notices. */
    public static Optional<Utterance> toUtterance(FormBody form) {
        Optional<String> realTimeEvent = form.first("TranscriptionEvent");
        if (realTimeEvent.isPresent()) {
            if (!"transcription-content".equals(realTimeEvent.get())) {
                return Optional.empty();
            }
            return Optional.of(new Utterance(
                    form.required("CallSid"),
                    form.required("TranscriptionSid"),
                    null,
                    form.first("Track").orElse(null),
                    form.first("SequenceId")
                            .map(TwilioTranscriptionMapper::sequence)
                            .orElse(null),
                    transcriptOf(form.required("TranscriptionData"))));
        }
        if (!"completed".equals(form.required("TranscriptionStatus"))) {
            return Optional.empty();
        }
        return Optional.of(new Utterance(
                form.required("CallSid"),
                form.required("TranscriptionSid"),
                form.first("RecordingSid").orElse(null),
                null,
                null,
                form.first("TranscriptionText").orElse("")));
    }

    /** TranscriptionData is a JSON string: {@code {"transcript": "...", "confidence": 0.93}}. */
    private static String transcriptOf(String data) {
        try {
            JsonNode transcript = EventCodec.mapper().readTree(data).path("transcript");
            if (!transcript.isTextual()) {
                throw new MalformedWebhookException("TranscriptionData has no transcript");
            }
            return transcript.asText();
        } catch (JsonProcessingException e) {
            throw new MalformedWebhookException("TranscriptionData is not JSON");
        }
    }

    private static Long sequence(String value) {
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new MalformedWebhookException("SequenceId must be a number");
        }
    }
}
