package io.consentmesh.ingest.webhooks;

import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.contracts.http.ProblemException;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.ingest.accounts.AccountCredentials;
import io.consentmesh.ingest.publishing.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What every provider's webhook endpoint does the same way: wrap a normalised payload in its envelope, publish it once,
 * refuse a bad signature without telling a forger anything, and count each outcome in
 * {@code mesh_ingest_webhooks_total{provider,kind,outcome}}.
 */
@ApplicationScoped
public class WebhookOutcomes {

    private final EventPublisher publisher;
    private final MeterRegistry metrics;

    WebhookOutcomes(EventPublisher publisher, MeterRegistry metrics) {
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /** Providers send second precision at best; PostgreSQL keeps microseconds. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public <T> EventEnvelope<T> envelope(
            Provider provider, String id, AccountCredentials account, SubjectId subject, T payload) {
        URI source = URI.create("/call-ingest/" + provider.name().toLowerCase(Locale.ROOT) + "/" + account.accountId());
        return EventEnvelope.of(id, source, account.tenant(), subject, now(), payload);
    }

    public Uni<Void> publish(Provider provider, String kind, EventEnvelope<?> event) {
        return publisher
                .publishOnce(event)
                .onFailure()
                .invoke(() -> count(provider, kind, "unavailable"))
                .invoke(published -> count(provider, kind, published ? "accepted" : "duplicate"))
                .replaceWithVoid();
    }

    /** Runs a mapping, counting a malformed webhook before its 400 goes out. */
    public <T> T mapped(Provider provider, String kind, Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (ProblemException e) {
            count(provider, kind, "malformed");
            throw e;
        }
    }

    /** 403 that tells a forger nothing: the same answer for an unknown account, a wrong signature or a stale one. */
    public ProblemException rejected(Provider provider, String kind, String reason) {
        count(provider, kind, reason);
        return new ProblemException(
                Problem.of(403, "signature-rejected", "Signature rejected", "the request signature is not valid"));
    }

    public void count(Provider provider, String kind, String outcome) {
        metrics.counter(
                        "mesh.ingest.webhooks",
                        "provider",
                        provider.name().toLowerCase(Locale.ROOT),
                        "kind",
                        kind,
                        "outcome",
                        outcome)
                .increment();
    }
}
