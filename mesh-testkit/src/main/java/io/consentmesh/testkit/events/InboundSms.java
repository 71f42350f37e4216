package io.consentmesh.testkit.events;

import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.SmsReceived;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/** A text a person sent, as call-ingest publishes a Twilio webhook of it (in clear: seal it where a test needs v2). */
public final class InboundSms {

    private InboundSms() {}

    public static EventEnvelope<SmsReceived> of(
            SubjectKeys keys, TenantId tenant, String from, String to, String body, Instant receivedAt) {
        String messageId = "SM" + UUID.randomUUID().toString().replace("-", "");
        SmsReceived sms = new SmsReceived(messageId, Provider.TWILIO, "AC-test", from, to, body, 1, null, receivedAt);
        return EventEnvelope.of(
                EventIds.of("twilio", "sms", messageId),
                URI.create("/call-ingest/twilio/AC-test"),
                tenant,
                keys.subjectOf(tenant, from),
                sms.receivedAt(),
                sms);
    }
}
