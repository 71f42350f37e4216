package io.consentmesh.consent.registry;

import io.consentmesh.consent.rules.AuthorizationFacts.SenderCampaign;
import io.consentmesh.consent.rules.CampaignStatus;
import io.consentmesh.contracts.envelope.TenantId;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Which campaign a sending number is on (G-01), answered from memory: the authorizer asks on every request. A change
 * through any instance reaches every instance's cache at once through PostgreSQL's LISTEN/NOTIFY (a trigger on the
 * registry tables); should the listening connection drop, entries also expire after a short time, so a suspension
 * never goes unseen for long. An expiry date in the past counts as EXPIRED at read time.
 */
@ApplicationScoped
public class SenderCampaigns {

    private static final Logger LOG = Logger.getLogger(SenderCampaigns.class);
    private static final String LOOKUP = "SELECT c.campaign_id, c.status, c.use_cases, c.expires_at"
            + " FROM sender_number n JOIN campaign c ON c.tenant_id = n.tenant_id AND c.campaign_id = n.campaign_id"
            + " WHERE n.tenant_id = $1 AND n.number = $2";

    private record Cached(Optional<SenderCampaign> campaign, Instant expiresAt, Instant readAt) {}

    private final Pool database;
    private final io.vertx.mutiny.core.Vertx vertx;
    private final PgConnectOptions listenOptions;
    private final Duration ttl;
    private final Clock clock = Clock.systemUTC();
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
    private PgSubscriber subscriber;

    SenderCampaigns(
            Pool database,
            io.vertx.mutiny.core.Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            @ConfigProperty(name = "mesh.registry.cache-ttl", defaultValue = "PT5S") Duration ttl) {
        this.database = database;
        this.vertx = vertx;
        this.ttl = ttl;
        this.listenOptions = PgConnectOptions.fromUri(url).setUser(user).setPassword(password.orElse(null));
    }

    void start(@Observes StartupEvent started) {
        subscriber = PgSubscriber.subscriber(vertx, listenOptions)
                .reconnectPolicy(retries -> 1_000L); // keep trying every second for as long as the service runs
        subscriber.channel("registry_changed").handler(payload -> forgetAll());
        subscriber
                .connect()
                .subscribe()
                .with(
                        ok -> forgetAll(),
                        failure -> LOG.warnf(
                                "not listening for registry changes yet (%s); cached entries expire after %s",
                                failure, ttl));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    /** The campaign the number is assigned to, with its status now, or empty when it is on none. */
    public Uni<Optional<SenderCampaign>> campaignOf(TenantId tenant, String senderNumber) {
        String key = tenant.value() + '\u0000' + senderNumber;
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && cached.readAt().plus(ttl).isAfter(now)) {
            return Uni.createFrom().item(asOf(cached, now));
        }
        return database.preparedQuery(LOOKUP)
                .execute(Tuple.of(tenant.value(), senderNumber))
                .map(rows -> {
                    Cached read = rows.rowCount() == 0
                            ? new Cached(Optional.empty(), null, now)
                            : read(rows.iterator().next(), now);
                    cache.put(key, read);
                    return asOf(read, now);
                });
    }

    /** Called after a change made through this instance, before its answer is returned. */
    public void forgetAll() {
        cache.clear();
    }

    private static Cached read(Row row, Instant now) {
        OffsetDateTime expires = row.getOffsetDateTime("expires_at");
        SenderCampaign campaign = new SenderCampaign(
                row.getString("campaign_id"),
                CampaignStatus.valueOf(row.getString("status")),
                Set.of(row.getArrayOfStrings("use_cases")));
        return new Cached(Optional.of(campaign), expires == null ? null : expires.toInstant(), now);
    }

    private static Optional<SenderCampaign> asOf(Cached cached, Instant now) {
        if (cached.campaign().isPresent()
                && cached.expiresAt() != null
                && !cached.expiresAt().isAfter(now)) {
            SenderCampaign campaign = cached.campaign().get();
            return Optional.of(new SenderCampaign(campaign.campaignId(), CampaignStatus.EXPIRED, campaign.useCases()));
        }
        return cached.campaign();
    }
}
