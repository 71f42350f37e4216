package io.consentmesh.consent;

import io.consentmesh.contracts.dsar.DsarRequestType;
import io.consentmesh.contracts.dsar.DsarTaskIssued;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.CallbackRequested;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.contracts.telephony.VerbalConsentDetected;
import io.consentmesh.contracts.telephony.VerbalIntent;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/** Events as call-ingest-service publishes them, for tests that drive the consumers through the real broker. */
public final class TestEvents {

    public static final TenantId TENANT = new TenantId("acme");
    public static final String SENDER_A = "+14155550101";
    public static final String SENDER_B = "+14155550102";

    private TestEvents() {}

    public static EventEnvelope<SmsReceived> sms(SubjectKeys keys, String from, String to, String body) {
        return sms(keys, from, to, body, Instant.now());
    }

    /** A text the provider received at {@code receivedAt}. */
    public static EventEnvelope<SmsReceived> sms(
            SubjectKeys keys, String from, String to, String body, Instant receivedAt) {
        return io.consentmesh.testkit.events.InboundSms.of(keys, TENANT, from, to, body, receivedAt);
    }

    /** What the agent runtime reports when it hears the person give or revoke consent on a call. */
    public static EventEnvelope<VerbalConsentDetected> verbal(SubjectKeys keys, String person, VerbalIntent intent) {
        String runtimeEventId = UUID.randomUUID().toString();
        VerbalConsentDetected said = new VerbalConsentDetected(
                "call-" + runtimeEventId,
                Provider.AGENT_RUNTIME,
                intent,
                83_250L,
                intent == VerbalIntent.OPT_OUT ? "please stop calling me" : "yes, you can call me back",
                0.97,
                Instant.now());
        return EventEnvelope.of(
                EventIds.of("agent-runtime", "rt-test", runtimeEventId),
                URI.create("/call-ingest/agent_runtime/rt-test"),
                TENANT,
                keys.subjectOf(TENANT, person),
                said.occurredAt(),
                said);
    }

    /** The agent runtime heard the person ask to be called back: a purpose for which the tenant may call them. */
    public static EventEnvelope<CallbackRequested> callbackRequested(SubjectKeys keys, String person) {
        return callbackRequested(keys, person, null);
    }

    /** The person asked to be called back at {@code preferredAt} (null: as soon as possible). */
    public static EventEnvelope<CallbackRequested> callbackRequested(
            SubjectKeys keys, String person, Instant preferredAt) {
        String runtimeEventId = UUID.randomUUID().toString();
        CallbackRequested callback =
                new CallbackRequested("call-" + runtimeEventId, Provider.AGENT_RUNTIME, preferredAt, Instant.now());
        return EventEnvelope.of(
                EventIds.of("agent-runtime", "rt-test", runtimeEventId),
                URI.create("/call-ingest/agent_runtime/rt-test"),
                TENANT,
                keys.subjectOf(TENANT, person),
                callback.occurredAt(),
                callback);
    }

    /** A task dsar-service issues to every service for a data-subject request about the subject. */
    public static EventEnvelope<DsarTaskIssued> dsarTask(SubjectId subject, DsarRequestType type) {
        return io.consentmesh.testkit.dsar.DsarTasks.of(TENANT, subject, type);
    }
}
