package io.consentmesh.consent.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.consentmesh.consent.ConsentApi;
import io.consentmesh.consent.TestEvents;
import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.consentmesh.testkit.tracing.ReceivedSpan;
import io.consentmesh.testkit.tracing.TraceCollector;
import io.consentmesh.testkit.tracing.TraceIds;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The consent side of a webhook's trace: a text consumed from {@code telephony.sms.v1} is processed in a span that
 * continues the trace its record's {@code traceparent} names (call-ingest's publish span), with what it was read as;
 * an authorization asked within the same trace (the tenant's agent runtime passing it on) records its decision on its
 * span. Spans reach the test kit's collector over OTLP/HTTP.
 */
@QuarkusTest
@MeshTest
class StopTraceTest {

    private static final Duration AT_MOST = Duration.ofSeconds(30);

    @Inject
    SubjectKeys keys;

    @Test
    void aStopIsProcessedInTheTraceOfItsWebhookAndTheDenyThatFollowsJoinsIt() {
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);
        String traceId = TraceIds.newTraceId();
        String publishSpan = TraceIds.newSpanId();
        EventEnvelope<SmsReceived> stop = TestEvents.sms(keys, person, TestEvents.SENDER_A, "STOP");

        send(stop.subject(), EventCodec.encode(stop), TraceIds.traceparent(traceId, publishSpan));

        await("DENY after STOP").atMost(AT_MOST).untilAsserted(() -> ConsentApi.authorize(
                        person, "SMS", TestEvents.SENDER_B)
                .body("outcome", equalTo("DENY")));
        ReceivedSpan processed = span(traceId, ReceivedSpan.Kind.CONSUMER, "process " + Topics.TELEPHONY_SMS);
        assertThat(processed.service()).isEqualTo("consent-service");
        assertThat(processed.parentSpanId())
                .as("a child of the record's publish span")
                .isEqualTo(publishSpan);
        assertThat(processed.attributes())
                .containsEntry("mesh.event.id", stop.id())
                .containsEntry("mesh.keyword.intent", "OPT_OUT")
                .containsEntry("mesh.tenant", "acme");
        assertThat(processed.error()).isFalse();
        assertThat(processed.toString()).as("no personal data on a span").doesNotContain(person);

        // the tenant's agent runtime asks again, within the same trace
        String agentSpan = TraceIds.newSpanId();
        ConsentApi.authorizeAt(
                        person,
                        "SMS",
                        TestEvents.SENDER_A,
                        ConsentApi.DAYTIME_TOMORROW,
                        Map.of("traceparent", TraceIds.traceparent(traceId, agentSpan)))
                .statusCode(200)
                .body("outcome", equalTo("DENY"));
        ReceivedSpan decided = span(traceId, ReceivedSpan.Kind.SERVER, "POST /v1/authorizations");
        assertThat(decided.parentSpanId()).isEqualTo(agentSpan);
        assertThat(decided.attributes())
                .containsEntry("mesh.decision.outcome", "DENY")
                .containsKey("mesh.decision.id")
                .containsEntry("http.response.status_code", "200");
    }

    @Test
    void aRecordThatIsDeadLetteredEndsItsSpanInError() {
        String traceId = TraceIds.newTraceId();

        send("not-a-subject", "{\"this is\": \"not an event\"}", TraceIds.traceparent(traceId, TraceIds.newSpanId()));

        ReceivedSpan processed = span(traceId, ReceivedSpan.Kind.CONSUMER, "process " + Topics.TELEPHONY_SMS);
        assertThat(processed.error()).as("dead-lettered").isTrue();
    }

    /** A record on telephony.sms.v1 with the traceparent its producer would have given it. */
    private static void send(String key, String value, String traceparent) {
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(Topics.TELEPHONY_SMS, key, value, Map.of("traceparent", traceparent));
        }
    }

    private static ReceivedSpan span(String traceId, ReceivedSpan.Kind kind, String name) {
        List<ReceivedSpan> found = await(name + " in trace " + traceId)
                .atMost(AT_MOST)
                .until(
                        () -> TraceCollector.get().trace(traceId).stream()
                                .filter(span ->
                                        span.kind() == kind && span.name().equals(name))
                                .toList(),
                        spans -> !spans.isEmpty());
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
