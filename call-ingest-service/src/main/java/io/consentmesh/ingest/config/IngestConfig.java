package io.consentmesh.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code mesh.ingest.*} */
@ConfigMapping(prefix = "mesh.ingest")
public interface IngestConfig {

    /**
     * The scheme and host the providers were configured to call, e.g. {@code https://hooks.example.com}. Providers
     * sign that URL; behind a TLS-terminating proxy the service sees another one, so it rebuilds the signed URL
     * from this. When absent, forwarded headers (if trusted) or the request itself are used.
     */
    Optional<String> publicBaseUrl();

    /**
     * 32 random bytes, Base64, that encrypt the bodies of rejected webhooks on {@code ingest.rejected.v1}
     * (MESH_INGEST_REJECTED_BODY_KEY, from a Secret).
     */
    String rejectedBodyKey();

    /**
     * Serve {@code POST /webhooks/benchmark/noop}, which only answers 204, so a load test can show the HTTP stack's
     * own rate next to the webhooks'. Off in production.
     */
    @WithDefault("false")
    boolean benchmarkEndpoint();

    /**
     * How long an instance reuses an account's credentials before reading them again. Changes made through this
     * instance's admin API apply at once; through another instance, within this time.
     */
    @WithDefault("PT5S")
    Duration credentialsCacheTtl();

    /** Trust X-Forwarded-Proto/Host to rebuild the signed URL (only behind a proxy that sets them). */
    @WithDefault("false")
    boolean trustForwardedHeaders();

    /**
     * How long a published receipt (and a call's parties) is kept: longer than any provider retries a webhook or
     * sends a late callback about a call, so a retry within it is still recognised as a duplicate.
     */
    @WithDefault("P7D")
    Duration receiptRetention();

    /** How often each instance deletes receipts and call parties past {@link #receiptRetention()}. */
    @WithDefault("PT10M")
    Duration receiptPurgeInterval();
}
