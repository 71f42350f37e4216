package io.consentmesh.runtime.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The service's OpenTelemetry: the SDK exporting over OTLP/HTTP when {@code mesh.tracing.exporter=otlp}, else the
 * no-op API. It is a CDI bean, so SmallRye's Kafka connector picks it up: every record it sends gets a
 * {@code publish} span and a W3C {@code traceparent} header, every record it receives a {@code receive} span whose
 * parent is that header. (Quarkus's own {@code quarkus-opentelemetry} extension would do this too; its 3.37.1
 * artifacts, the version the platform pins, are not served by the mesh's Maven mirror, so the mesh configures the SDK
 * of the same OpenTelemetry version itself.)
 */
@Singleton
public class MeshTracing {

    private static final Logger LOG = Logger.getLogger(MeshTracing.class);
    static final String INSTRUMENTATION = "io.consentmesh";

    @Produces
    @Singleton
    @Unremovable // the Kafka connector asks for it through Instance<OpenTelemetry>, which keeps no bean by itself
    OpenTelemetry openTelemetry(
            TracingConfig config, @ConfigProperty(name = "quarkus.application.name") String service) {
        if (config.exporter() == TracingConfig.Exporter.NONE) {
            return OpenTelemetry.noop();
        }
        String endpoint = config.otlpEndpoint()
                .orElseThrow(() -> new IllegalStateException(
                        "mesh.tracing.exporter=otlp needs mesh.tracing.otlp-endpoint (the collector's /v1/traces URL)"))
                .toString();
        if (!(config.sampleRatio() >= 0 && config.sampleRatio() <= 1)) {
            throw new IllegalStateException(
                    "mesh.tracing.sample-ratio must be between 0 and 1, not " + config.sampleRatio());
        }
        SdkTracerProvider tracers = SdkTracerProvider.builder()
                .setResource(Resource.getDefault()
                        .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service))))
                .setSampler(sampler(config.sampleRatio()))
                .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                                .setEndpoint(endpoint)
                                .build())
                        .setScheduleDelay(config.exportDelay())
                        .setMaxQueueSize(config.maxQueuedSpans())
                        .build())
                .build();
        LOG.infof("traces to %s (%.0f%% of traces kept)", endpoint, config.sampleRatio() * 100);
        return OpenTelemetrySdk.builder()
                .setTracerProvider(tracers)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
    }

    /**
     * A span within this service follows its parent's decision; a trace that arrives from elsewhere — a webhook's
     * {@code traceparent}, which anyone on the internet can set, or a record's header — is kept by its trace id's
     * ratio, not by the caller's flag: nobody outside can have every request recorded, and as every service decides
     * by the same id at the same ratio, a trace is kept whole or not at all.
     */
    static Sampler sampler(double ratio) {
        Sampler byTraceId = Sampler.traceIdRatioBased(ratio);
        return Sampler.parentBasedBuilder(byTraceId)
                .setRemoteParentSampled(byTraceId)
                .setRemoteParentNotSampled(byTraceId)
                .build();
    }

    void close(@Disposes OpenTelemetry openTelemetry) {
        if (openTelemetry instanceof OpenTelemetrySdk sdk) {
            // the spans still queued go out before the service stops
            sdk.getSdkTracerProvider().shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    @Produces
    @Singleton
    Tracer tracer(OpenTelemetry openTelemetry) {
        return openTelemetry.getTracer(INSTRUMENTATION);
    }
}
