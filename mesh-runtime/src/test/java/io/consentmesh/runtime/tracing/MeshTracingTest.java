package io.consentmesh.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.consentmesh.testkit.tracing.ReceivedSpan;
import io.consentmesh.testkit.tracing.TraceCollector;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The service's OpenTelemetry as configured: spans over OTLP/HTTP to a collector, or nothing at all. */
class MeshTracingTest {

    private final MeshTracing tracing = new MeshTracing();

    @Test
    void otlpSendsSpansWithTheirParentsAndServiceToTheCollector() {
        OpenTelemetry otel =
                tracing.openTelemetry(config("otlp", TraceCollector.get().endpoint(), 1.0), "test-service");
        Tracer tracer = tracing.tracer(otel);

        Span request = tracer.spanBuilder("POST /somewhere")
                .setSpanKind(SpanKind.SERVER)
                .startSpan();
        Span publish = tracer.spanBuilder("publish")
                .setParent(Context.root().with(request))
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("mesh.event.id", "e-1")
                .startSpan();
        publish.end();
        request.end();
        String traceId = request.getSpanContext().getTraceId();
        // and the W3C header a record would carry names the span it was sent in
        Map<String, String> headers = new HashMap<>();
        otel.getPropagators().getTextMapPropagator().inject(Context.root().with(publish), headers, Map::put);
        tracing.close(otel); // flushes what is queued

        List<ReceivedSpan> trace = await().atMost(Duration.ofSeconds(10))
                .until(() -> TraceCollector.get().trace(traceId), spans -> spans.size() == 2);
        ReceivedSpan server = trace.stream()
                .filter(s -> s.kind() == ReceivedSpan.Kind.SERVER)
                .findFirst()
                .orElseThrow();
        ReceivedSpan producer = trace.stream()
                .filter(s -> s.kind() == ReceivedSpan.Kind.PRODUCER)
                .findFirst()
                .orElseThrow();
        assertThat(server.service()).isEqualTo("test-service");
        assertThat(server.parentSpanId()).isEmpty();
        assertThat(producer.parentSpanId()).isEqualTo(server.spanId());
        assertThat(producer.attributes()).containsEntry("mesh.event.id", "e-1");
        // version, trace, span, flags (sampled; OpenTelemetry also sets W3C level 2's random-trace-id bit)
        assertThat(headers.get("traceparent")).startsWith("00-" + traceId + "-" + producer.spanId() + "-");
    }

    @Test
    void noneRecordsNothingAndCarriesNoHeader() {
        OpenTelemetry otel = tracing.openTelemetry(config("none", null, 1.0), "test-service");
        Span span = tracing.tracer(otel).spanBuilder("anything").startSpan();
        Map<String, String> headers = new HashMap<>();
        otel.getPropagators().getTextMapPropagator().inject(Context.root().with(span), headers, Map::put);

        assertThat(span.getSpanContext().isValid()).isFalse();
        assertThat(headers).isEmpty();
    }

    @Test
    void otlpWithoutAnEndpointOrWithARatioOutOfRangeStopsTheServiceWithTheSettingToFix() {
        assertThatThrownBy(() -> tracing.openTelemetry(config("otlp", null, 1.0), "svc"))
                .hasMessageContaining("mesh.tracing.otlp-endpoint");
        assertThatThrownBy(() -> tracing.openTelemetry(config("otlp", "http://127.0.0.1:1/v1/traces", 1.5), "svc"))
                .hasMessageContaining("mesh.tracing.sample-ratio");
    }

    @Test
    void aCallersSampledFlagDoesNotForceRecordingButASpanWithinTheServiceFollowsItsParent() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        SpanContext fromOutside = SpanContext.createFromRemoteParent(
                traceId, "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault());
        SpanContext withinService =
                SpanContext.create(traceId, "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault());

        assertThat(decision(MeshTracing.sampler(0.0), fromOutside, traceId)).isEqualTo(SamplingDecision.DROP);
        assertThat(decision(MeshTracing.sampler(1.0), fromOutside, traceId))
                .isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
        assertThat(decision(MeshTracing.sampler(0.0), withinService, traceId))
                .isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    }

    private static SamplingDecision decision(Sampler sampler, SpanContext parent, String traceId) {
        return sampler.shouldSample(
                        Context.root().with(Span.wrap(parent)),
                        traceId,
                        "POST /webhooks/twilio/sms",
                        SpanKind.SERVER,
                        Attributes.empty(),
                        List.of())
                .getDecision();
    }

    private static TracingConfig config(String exporter, String endpoint, double ratio) {
        return new TracingConfig() {
            @Override
            public Exporter exporter() {
                return Exporter.valueOf(exporter.toUpperCase());
            }

            @Override
            public Optional<URI> otlpEndpoint() {
                return Optional.ofNullable(endpoint).map(URI::create);
            }

            @Override
            public double sampleRatio() {
                return ratio;
            }

            @Override
            public Duration exportDelay() {
                return Duration.ofMillis(100);
            }

            @Override
            public int maxQueuedSpans() {
                return 2048;
            }
        };
    }
}
