package io.consentmesh.runtime.tracing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** {@code mesh.tracing.*}: whether and where the service sends its OpenTelemetry spans. */
@ConfigMapping(prefix = "mesh.tracing")
public interface TracingConfig {

    /**
     * NONE: no spans and no trace headers (the default where no collector runs: the local mesh, the benchmarks);
     * OTLP: spans to an OpenTelemetry collector over OTLP/HTTP, trace context carried in Kafka record headers.
     */
    @WithDefault("none")
    Exporter exporter();

    /** The collector's OTLP/HTTP traces endpoint, e.g. {@code http://otel-collector.monitoring:4318/v1/traces}. */
    Optional<URI> otlpEndpoint();

    /** Share of the traces this service starts that are recorded; a trace started upstream keeps its caller's choice. */
    @WithDefault("1.0")
    double sampleRatio();

    /** How long finished spans wait to be sent together. */
    @WithDefault("5s")
    Duration exportDelay();

    /** Spans waiting to be sent at most; beyond it new spans are dropped (and counted), a request is never held up. */
    @WithDefault("2048")
    int maxQueuedSpans();

    enum Exporter {
        NONE,
        OTLP
    }
}
