package io.consentmesh.ingest.load;

import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.ingest.twilio.TwilioSignature;
import io.consentmesh.testkit.load.OpenLoop;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Twilio webhooks (inbound texts, a call's status and recording callbacks) signed as Twilio signs them. */
public final class SignedTwilio {

    public static final String SMS_PATH = "/webhooks/twilio/sms";

    private SignedTwilio() {}

    /** @return the request, remembering the event id its webhook must produce */
    public static OpenLoop.Planned sms(
            URI target, String account, String authToken, String from, String to, String text) {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        List<Map.Entry<String, String>> params = List.of(
                Map.entry("AccountSid", account),
                Map.entry("MessageSid", sid),
                Map.entry("From", from),
                Map.entry("To", to),
                Map.entry("Body", text),
                Map.entry("NumSegments", "1"));
        return signed(target, authToken, SMS_PATH, params, EventIds.of("twilio", "sms", sid));
    }

    /** An inbound call from {@code from} to {@code to}, in progress (its first status callback). */
    public static OpenLoop.Planned callInProgress(
            URI target, String account, String authToken, String callSid, String from, String to) {
        List<Map.Entry<String, String>> params = List.of(
                Map.entry("AccountSid", account),
                Map.entry("CallSid", callSid),
                Map.entry("CallStatus", "in-progress"),
                Map.entry("Direction", "inbound"),
                Map.entry("From", from),
                Map.entry("To", to),
                Map.entry("SequenceNumber", "1"));
        return signed(
                target,
                authToken,
                "/webhooks/twilio/voice-status",
                params,
                EventIds.of("twilio", "call-status", callSid, "1"));
    }

    /** The call's recording, completed (it enters retention's inventory). */
    public static OpenLoop.Planned recordingCompleted(URI target, String account, String authToken, String callSid) {
        String recordingSid = "RE" + UUID.randomUUID().toString().replace("-", "");
        List<Map.Entry<String, String>> params = List.of(
                Map.entry("AccountSid", account),
                Map.entry("CallSid", callSid),
                Map.entry("RecordingSid", recordingSid),
                Map.entry("RecordingStatus", "completed"),
                Map.entry("RecordingDuration", "42"),
                Map.entry("RecordingChannels", "2"),
                Map.entry(
                        "RecordingUrl",
                        "https://api.twilio.com/2010-04-01/Accounts/" + account + "/Recordings/" + recordingSid));
        return signed(
                target,
                authToken,
                "/webhooks/twilio/recording-status",
                params,
                EventIds.of("twilio", "recording", recordingSid));
    }

    private static OpenLoop.Planned signed(
            URI target, String authToken, String path, List<Map.Entry<String, String>> params, String eventId) {
        Map<String, String> headers = Map.of(
                "Content-Type",
                "application/x-www-form-urlencoded",
                "X-Twilio-Signature",
                TwilioSignature.sign(target + path, params, authToken));
        return new OpenLoop.Planned(path, headers, Buffer.buffer(FormBodies.encode(params)), eventId);
    }
}
