package io.consentmesh.ingest.twilio;

import static io.consentmesh.ingest.twilio.TwilioTestAccount.postSigned;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.schema.EventSchemas;
import io.consentmesh.contracts.telephony.RedactedSpan;
import io.consentmesh.contracts.telephony.SensitiveDataKind;
import io.consentmesh.contracts.telephony.SensitiveDataRedacted;
import io.consentmesh.contracts.telephony.TranscriptAvailable;
import io.consentmesh.ingest.IngestTestBase;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Transcripts are published only redacted, with a redaction event that names kinds and positions, never values. */
@QuarkusTest
@MeshTest
class TwilioTranscriptionWebhookTest extends IngestTestBase {

    @Override
    protected void registerAccounts() {
        TwilioTestAccount.register();
    }

    private static final String TRANSCRIPTION = "/webhooks/twilio/transcription";
    private static final String CARD = "4111 1111 1111 1111";
    private static final String SAID = "Sure, my card number is " + CARD + " and the security code is 737, thanks.";

    @Test
    void aRecordedCallsTranscriptIsPublishedRedactedWithARedactionEvent() {
        String callSid = TwilioTestAccount.sid("CA");
        String transcriptionSid = TwilioTestAccount.sid("TR");
        String caller = callWith(callSid);

        postSigned(TRANSCRIPTION, recordVerb(callSid, transcriptionSid, "completed", SAID))
                .statusCode(204);

        ConsumerRecord<String, String> transcriptRecord =
                eventOf("mesh.call.transcript-available.v2", transcriptionSid);
        EventEnvelope<TranscriptAvailable> transcript =
                published.opened(transcriptRecord.value(), TranscriptAvailable.class);
        assertThat(transcript.data().text())
                .isEqualTo("Sure, my card number is [REDACTED:PAYMENT_CARD_NUMBER] and the security code is "
                        + "[REDACTED:CARD_SECURITY_CODE], thanks.");
        assertThat(transcript.data().redactions()).isEqualTo(2);
        assertThat(transcriptRecord.key())
                .isEqualTo(keys.subjectOf(TENANT, caller).value());
        assertThat(new EventSchemas().violations(transcriptRecord.value())).isEmpty();

        ConsumerRecord<String, String> redactionRecord =
                eventOf("mesh.call.sensitive-data-redacted.v1", transcript.id());
        SensitiveDataRedacted redaction = published
                .opened(redactionRecord.value(), SensitiveDataRedacted.class)
                .data();
        assertThat(redaction.sourceEventId()).isEqualTo(transcript.id());
        assertThat(redaction.spans())
                .containsExactly(
                        new RedactedSpan(
                                SensitiveDataKind.PAYMENT_CARD_NUMBER,
                                SAID.indexOf(CARD),
                                SAID.indexOf(CARD) + CARD.length()),
                        new RedactedSpan(
                                SensitiveDataKind.CARD_SECURITY_CODE, SAID.indexOf("737"), SAID.indexOf("737") + 3));
        assertThat(new EventSchemas().violations(redactionRecord.value())).isEmpty();

        assertThat(kafka.readAll(Topics.TELEPHONY_CALL))
                .as("no record on the topic carries the card number or the code")
                .noneMatch(r -> r.value().contains("4111 1111")
                        || r.value().contains("4111111111111111")
                        || r.value().contains(" 737"));
    }

    @Test
    void aRealTimeUtteranceIsRedactedAndKeepsItsTrackAndSequence() {
        String callSid = TwilioTestAccount.sid("CA");
        String transcriptionSid = TwilioTestAccount.sid("GT");
        callWith(callSid);
        String utterance = "my routing number is 021000021 and the account number is 12345678";

        postSigned(TRANSCRIPTION, realTime(callSid, transcriptionSid, "transcription-content", utterance, "3"))
                .statusCode(204);

        TranscriptAvailable transcript = published
                .opened(
                        eventOf("mesh.call.transcript-available.v2", transcriptionSid)
                                .value(),
                        TranscriptAvailable.class)
                .data();
        assertThat(transcript.text())
                .isEqualTo("my routing number is [REDACTED:BANK_ROUTING_NUMBER] and the account number is "
                        + "[REDACTED:BANK_ACCOUNT_NUMBER]");
        assertThat(transcript.track()).isEqualTo("inbound_track");
        assertThat(transcript.sequence()).isEqualTo(3L);
    }

    @Test
    void cleanTextHasNoRedactionEventAndNoticesWithoutTextPublishNothing() {
        String callSid = TwilioTestAccount.sid("CA");
        String clean = TwilioTestAccount.sid("TR");
        String failed = TwilioTestAccount.sid("TR");
        String started = TwilioTestAccount.sid("GT");
        callWith(callSid);

        postSigned(TRANSCRIPTION, recordVerb(callSid, failed, "failed", "")).statusCode(204);
        postSigned(TRANSCRIPTION, realTime(callSid, started, "transcription-started", "", "0"))
                .statusCode(204);
        postSigned(TRANSCRIPTION, recordVerb(callSid, clean, "completed", "I would like to cancel my order"))
                .statusCode(204);

        TranscriptAvailable transcript = published
                .opened(eventOf("mesh.call.transcript-available.v2", clean).value(), TranscriptAvailable.class)
                .data();
        assertThat(transcript.redactions()).isZero();
        assertThat(kafka.readAll(Topics.TELEPHONY_CALL))
                .noneMatch(r -> r.value().contains(failed) || r.value().contains(started))
                .noneMatch(r -> r.value().contains("sensitive-data-redacted")
                        && r.value().contains(callSid));
    }

    @Test
    void aTranscriptOfACallWhosePersonIsNotKnownYetIsStillSealedUnderItsCallsKey() {
        String callSid = TwilioTestAccount.sid("CA"); // no status callback: ingest does not know who is on the call
        String transcriptionSid = TwilioTestAccount.sid("TR");

        postSigned(TRANSCRIPTION, recordVerb(callSid, transcriptionSid, "completed", "Please call me back tomorrow"))
                .statusCode(204);

        ConsumerRecord<String, String> record = eventOf("mesh.call.transcript-available.v2", transcriptionSid);
        assertThat(record.key()).isNull();
        assertThat(record.value()).doesNotContain("call me back");
        assertThat(published
                        .opened(record.value(), TranscriptAvailable.class)
                        .data()
                        .text())
                .isEqualTo("Please call me back tomorrow");
    }

    /** A voice status callback first, as on a real call: it tells ingest who the person on the call is. */
    private static String callWith(String callSid) {
        String caller = TestNumbers.randomUs();
        postSigned(
                        "/webhooks/twilio/voice-status",
                        List.of(
                                Map.entry("AccountSid", TwilioTestAccount.ACCOUNT_SID),
                                Map.entry("CallSid", callSid),
                                Map.entry("CallStatus", "in-progress"),
                                Map.entry("Direction", "inbound"),
                                Map.entry("From", caller),
                                Map.entry("To", TENANT_NUMBER),
                                Map.entry("SequenceNumber", "1")))
                .statusCode(204);
        return caller;
    }

    private static ConsumerRecord<String, String> eventOf(String type, String containing) {
        return kafka.await(
                        Topics.TELEPHONY_CALL,
                        r -> r.value().contains(type) && r.value().contains(containing),
                        1,
                        Duration.ofSeconds(30))
                .get(0);
    }

    /** {@code <Record transcribeCallback>} parameters. */
    private static List<Map.Entry<String, String>> recordVerb(
            String callSid, String transcriptionSid, String status, String text) {
        return List.of(
                Map.entry("AccountSid", TwilioTestAccount.ACCOUNT_SID),
                Map.entry("CallSid", callSid),
                Map.entry("TranscriptionSid", transcriptionSid),
                Map.entry("TranscriptionStatus", status),
                Map.entry("TranscriptionText", text),
                Map.entry("TranscriptionUrl", "https://api.twilio.com/2010-04-01/Transcriptions/" + transcriptionSid),
                Map.entry("RecordingSid", TwilioTestAccount.sid("RE")),
                Map.entry("RecordingUrl", "https://api.twilio.com/2010-04-01/Recordings/RE1"));
    }

    /** Real-time {@code <Start><Transcription>} callback parameters; TranscriptionData is a JSON string. */
    private static List<Map.Entry<String, String>> realTime(
            String callSid, String transcriptionSid, String event, String transcript, String sequence) {
        return List.of(
                Map.entry("AccountSid", TwilioTestAccount.ACCOUNT_SID),
                Map.entry("CallSid", callSid),
                Map.entry("TranscriptionSid", transcriptionSid),
                Map.entry("TranscriptionEvent", event),
                Map.entry("Track", "inbound_track"),
                Map.entry("Final", "true"),
                Map.entry("SequenceId", sequence),
                Map.entry("Timestamp", "2026-11-20T15:04:15.123Z"),
                Map.entry("TranscriptionData", "{\"transcript\":\"" + transcript + "\",\"confidence\":0.93}"));
    }
}
