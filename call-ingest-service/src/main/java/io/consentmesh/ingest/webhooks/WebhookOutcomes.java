package io.consentmesh.ingest.webhooks;

import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.WebhookRejected;
import io.consentmesh.ingest.accounts.AccountCredentials;
import io.consentmesh.ingest.calls.CallParties;
import io.consentmesh.ingest.config.IngestConfig;
import io.consentmesh.ingest.publishing.EventPublisher;
import io.consentmesh.runtime.http.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
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
    private final CallParties callParties;
    private final RejectedBodyCipher cipher;

    WebhookOutcomes(EventPublisher publisher, MeterRegistry metrics, CallParties callParties, IngestConfig config) {
        this.publisher = publisher;
        this.metrics = metrics;
        this.callParties = callParties;
        this.cipher = new RejectedBodyCipher(config.rejectedBodyKey());
    }

    /**
     * Runs the handling of a verified webhook; if its content cannot be mapped, the raw request goes to
     * {@code ingest.rejected.v1} (body encrypted) before the 400 goes out, so nothing the provider sent is lost.
     */
    public <T> Uni<T> keepingRejected(
            Provider provider,
            AccountCredentials account,
            String path,
            String contentType,
            String body,
            Supplier<Uni<? extends T>> handling) {
        return Uni.createFrom()
                .<T>deferred(handling)
                .onFailure(MalformedWebhookException.class)
                .recoverWithUni(malformed -> {
                    RejectedBodyCipher.Sealed sealed = cipher.seal(body == null ? "" : body);
                    WebhookRejected rejected = new WebhookRejected(
                            provider,
                            account.accountId(),
                            path,
                            contentType,
                            malformed.getMessage(),
                            sealed.keyId(),
                            sealed.nonce(),
                            sealed.ciphertext(),
                            now());
                    // the same rejected request (a provider's retry) has the same id and is kept once
                    String id = EventIds.of(provider.name(), "rejected", path, sha256(body));
                    return publish(provider, "rejected", envelope(provider, id, account, null, rejected))
                            .chain(() -> Uni.createFrom().failure(malformed));
                });
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

    /**
     * Publishes an event about a call whose callback does not name its parties (a recording, a playback, keys pressed),
     * keyed by the person the call's status callbacks named; unkeyed when none did.
     */
    public Uni<Void> publishOnCall(
            Provider provider, String kind, String id, AccountCredentials account, String callId, Object event) {
        return publishOnCall(provider, kind, id, account, callId, event, Optional.empty());
    }

    /**
     * The same, with the person as the webhook itself names them, for when no status callback of the call has been
     * seen yet (a tenant that subscribes only to "completed", or a race): a key press to stop calls must reach the
     * person it came from.
     */
    public Uni<Void> publishOnCall(
            Provider provider,
            String kind,
            String id,
            AccountCredentials account,
            String callId,
            Object event,
            Optional<SubjectId> named) {
        return callParties
                .subjectOf(provider, callId, account.tenant())
                .chain(subject -> publish(
                        provider,
                        kind,
                        envelope(provider, id, account, subject.or(() -> named).orElse(null), event)));
    }

    /**
     * Runs a mapping, counting a malformed webhook before its 400 goes out. A value the event's contract refuses (a
     * negative duration, an end before its start) is malformed too, never a server error.
     */
    public <T> T mapped(Provider provider, String kind, Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (ProblemException e) {
            count(provider, kind, "malformed");
            throw e;
        } catch (IllegalArgumentException refusedByContract) {
            count(provider, kind, "malformed");
            throw new MalformedWebhookException(refusedByContract.getMessage());
        }
    }

    /** 403 that tells a forger nothing: the same answer for an unknown account, a wrong signature or a stale one. */
    public ProblemException rejected(Provider provider, String kind, String reason) {
        count(provider, kind, reason);
        return new ProblemException(
                Problem.of(403, "signature-rejected", "Signature rejected", "the request signature is not valid"));
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((text == null ? "" : text).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
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
