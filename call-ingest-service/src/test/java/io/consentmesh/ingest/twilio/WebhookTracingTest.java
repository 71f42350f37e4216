package io.consentmesh.ingest.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentmesh.contracts.Topics;
import io.consentmesh.ingest.IngestTestBase;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.tracing.ReceivedSpan;
import io.consentmesh.testkit.tracing.TraceCollector;
import io.consentmesh.testkit.tracing.TraceIds;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * A webhook's trace goes on with its event: call-ingest exports a SERVER span for the request (continuing the trace a
 * proxy started, if any) and a PRODUCER span for the record, and the record carries that span as its W3C
 * {@code traceparent} header for its consumers. The spans reach a collector over OTLP/HTTP (the test kit's).
 */
@QuarkusTest
@MeshTest
class WebhookTracingTest extends IngestTestBase {

    private static final String PATH = "/webhooks/twilio/sms";

    @Override
    protected void registerAccounts() {
        TwilioTestAccount.register();
    }

    @Test
    void aWebhookStartedUnderACallersTraceCarriesItToItsEventsRecord() {
        String traceId = TraceIds.newTraceId();
        String callerSpan = TraceIds.newSpanId();
        String messageSid = TwilioTestAccount.sid("SM");
        List<Map.Entry<String, String>> params =
                TwilioSmsWebhookTest.inboundSms(messageSid, TestNumbers.randomUs(), "Hello");

        TwilioTestAccount.post(
                        PATH,
                        params,
                        TwilioTestAccount.sign(PATH, params, TwilioTestAccount.NEW_TOKEN),
                        Map.of("traceparent", TraceIds.traceparent(traceId, callerSpan)))
                .statusCode(200);

        String[] carried = traceparent(recordOf(messageSid));
        assertThat(carried[1]).as("the record's trace is the caller's").isEqualTo(traceId);
        List<ReceivedSpan> trace = spansOf(traceId, 2);
        ReceivedSpan server = only(trace, ReceivedSpan.Kind.SERVER);
        ReceivedSpan producer = only(trace, ReceivedSpan.Kind.PRODUCER);
        assertThat(server.service()).isEqualTo("call-ingest-service");
        assertThat(server.name()).isEqualTo("POST /webhooks/twilio/sms");
        assertThat(server.parentSpanId()).as("continues the caller's span").isEqualTo(callerSpan);
        assertThat(server.attributes()).containsEntry("http.response.status_code", "200");
        assertThat(producer.name()).contains(Topics.TELEPHONY_SMS);
        assertThat(producer.parentSpanId())
                .as("the record is sent within the request")
                .isEqualTo(server.spanId());
        assertThat(carried[2]).as("the header names the publish span").isEqualTo(producer.spanId());
        // the trace holds ids and routes, never the person's number or words
        assertThat(trace.toString())
                .doesNotContain("Hello")
                .doesNotContain(params.get(5).getValue());
    }

    @Test
    void aWebhookWithoutATraceStartsOne() {
        String messageSid = TwilioTestAccount.sid("SM");
        List<Map.Entry<String, String>> params =
                TwilioSmsWebhookTest.inboundSms(messageSid, TestNumbers.randomUs(), "Hi");

        TwilioTestAccount.postSigned(PATH, params).statusCode(200);

        String[] carried = traceparent(recordOf(messageSid));
        ReceivedSpan server = only(spansOf(carried[1], 2), ReceivedSpan.Kind.SERVER);
        assertThat(server.parentSpanId()).as("a new trace's root").isEmpty();
    }

    private static ConsumerRecord<String, String> recordOf(String messageSid) {
        return kafka.await(
                        Topics.TELEPHONY_SMS,
                        r -> r.value().contains("\"" + messageSid + "\""),
                        1,
                        Duration.ofSeconds(30))
                .get(0);
    }

    /** The record's traceparent split into version, trace id, span id and flags. */
    private static String[] traceparent(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader("traceparent");
        assertThat(header).as("the record carries a traceparent header").isNotNull();
        String[] parts = new String(header.value(), StandardCharsets.UTF_8).split("-");
        assertThat(parts).hasSize(4);
        return parts;
    }

    private static List<ReceivedSpan> spansOf(String traceId, int atLeast) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> TraceCollector.get().trace(traceId), spans -> spans.size() >= atLeast);
    }

    private static ReceivedSpan only(List<ReceivedSpan> trace, ReceivedSpan.Kind kind) {
        List<ReceivedSpan> of =
                trace.stream().filter(span -> span.kind() == kind).toList();
        assertThat(of).as(kind + " spans in " + trace).hasSize(1);
        return of.get(0);
    }
}
