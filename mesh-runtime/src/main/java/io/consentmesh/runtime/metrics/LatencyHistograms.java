package io.consentmesh.runtime.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;

/**
 * Histogram buckets for the latencies the SLO alerts and dashboards take percentiles of (deploy/k8s alerts:
 * signed-webhook latency, STOP-to-block p99): a Prometheus quantile needs {@code _bucket} series, which Micrometer
 * publishes only when asked. Fixed service-level buckets, not Micrometer's percentile histogram, keep the series
 * few: a handful per URI.
 */
@Singleton
public class LatencyHistograms {

    private static final Map<String, Duration[]> BUCKETS = Map.of(
            // every HTTP endpoint: webhooks must answer well inside the providers' 10–15 s timeouts
            "http.server.requests",
            seconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
            // receipt of a revocation to its enforcement (KW-07 allows 10 business days; the mesh takes seconds)
            "mesh.consent.revocation.enforcement",
            seconds(0.1, 0.5, 1, 5, 15, 60, 300, 3600, 86400));

    @Produces
    @Singleton
    MeterFilter sloBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                Duration[] buckets = BUCKETS.get(id.getName());
                if (buckets == null) {
                    return config;
                }
                double[] nanos = new double[buckets.length];
                for (int i = 0; i < buckets.length; i++) {
                    nanos[i] = buckets[i].toNanos();
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(nanos)
                        .build()
                        .merge(config);
            }
        };
    }

    private static Duration[] seconds(double... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofNanos(Math.round(values[i] * 1_000_000_000L));
        }
        return durations;
    }
}
