package io.consentmesh.consent.registry;

import io.consentmesh.consent.authorization.rules.AuthorizationFacts.SenderCampaign;
import io.consentmesh.consent.authorization.rules.CampaignStatus;
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
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Which campaign a sending number is on, with its brand, status and use cases (G-01), answered from memory: the
 * authorizer asks on every request. Every write through this instance forgets the tenant's entries before it answers;
 * a write through any other instance (or straight in SQL) reaches this one through PostgreSQL's LISTEN/NOTIFY (a
 * trigger on the registry tables notifies {@code tendlc_registry_changed} with the tenant id). A lookup that was
 * reading while a change was announced does not keep its answer, so a stale entry never outlives the notification.
 * Should the listening connection drop, entries also expire after {@code mesh.registry.cache-ttl}, and every
 * reconnection forgets everything. An expiry date in the past counts as EXPIRED at read time.
 */
@ApplicationScoped
public class SenderCampaigns {

    static final String CHANNEL = "tendlc_registry_changed";

    private static final Logger LOG = Logger.getLogger(SenderCampaigns.class);
    private static final String LOOKUP = "SELECT c.campaign_id, c.brand_id, c.status, c.use_case, c.sub_use_cases,"
            + " c.expires_at, b.status AS brand_status FROM tendlc_sender_number n"
            + " JOIN tendlc_campaign c ON c.tenant_id = n.tenant_id AND c.campaign_id = n.campaign_id"
            + " JOIN tendlc_brand b ON b.tenant_id = c.tenant_id AND b.brand_id = c.brand_id"
            + " WHERE n.tenant_id = $1 AND n.number = $2";

    /** A cached answer, kept until {@code validUntil}; {@code campaign} is the rules engine's view, made once. */
    private record Cached(Optional<RegisteredSender> sender, Optional<SenderCampaign> campaign, Instant validUntil) {}

    private final Pool database;
    private final io.vertx.mutiny.core.Vertx vertx;
    private final PgConnectOptions listenOptions;
    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Cached>> byTenant = new ConcurrentHashMap<>();
    /** Advanced by every forget: a lookup that started before it does not cache what it read. */
    private final AtomicLong generation = new AtomicLong();

    private PgSubscriber subscriber;

    @Inject
    SenderCampaigns(
            Pool database,
            io.vertx.mutiny.core.Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            RegistryConfig config) {
        this(
                database,
                vertx,
                PgConnectOptions.fromUri(url).setUser(user).setPassword(password.orElse(null)),
                config.cacheTtl());
    }

    /** Another instance's cache over the same database (tests of cross-instance invalidation). */
    SenderCampaigns(Pool database, io.vertx.mutiny.core.Vertx vertx, PgConnectOptions listenOptions, Duration ttl) {
        this.database = database;
        this.vertx = vertx;
        this.listenOptions = listenOptions;
        this.ttl = ttl;
        this.clock = Clock.systemUTC();
    }

    void start(@Observes StartupEvent started) {
        listen();
    }

    void stop(@Observes ShutdownEvent stopping) {
        close();
    }

    /** Starts listening for changes; until the first connection succeeds, entries live at most the TTL. */
    Uni<Void> listen() {
        subscriber = PgSubscriber.subscriber(vertx, listenOptions)
                .reconnectPolicy(retries -> 1_000L); // keep trying every second for as long as the service runs
        subscriber
                .channel(CHANNEL)
                .handler(this::forgetTenant)
                // Notifications may have been missed while disconnected: forget everything once (re)subscribed.
                .subscribeHandler(this::forgetAll);
        Uni<Void> connected = subscriber.connect().memoize().indefinitely();
        connected
                .subscribe()
                .with(
                        ok -> LOG.debug("listening for registry changes"),
                        failure -> LOG.warnf(
                                "not listening for registry changes yet (%s); cached entries expire after %s",
                                failure, ttl));
        return connected;
    }

    void close() {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    /** The campaign the number is assigned to, as the rules engine sees it now, or empty when it is on none. */
    public Uni<Optional<SenderCampaign>> campaignOf(TenantId tenant, String senderNumber) {
        Instant now = clock.instant();
        Cached cached = fresh(tenant.value(), senderNumber, now);
        if (cached != null) {
            return Uni.createFrom().item(current(cached, now));
        }
        return read(tenant.value(), senderNumber, now).map(read -> current(read, now));
    }

    /** The number's campaign with its brand, stored status and use cases, or empty when it is on none. */
    public Uni<Optional<RegisteredSender>> senderOf(TenantId tenant, String senderNumber) {
        Instant now = clock.instant();
        Cached cached = fresh(tenant.value(), senderNumber, now);
        return cached != null
                ? Uni.createFrom().item(cached.sender())
                : read(tenant.value(), senderNumber, now).map(Cached::sender);
    }

    /** Forgets one tenant's entries; called after every change made through this instance, before it answers. */
    public void forgetTenant(String tenant) {
        generation.incrementAndGet();
        byTenant.remove(tenant);
    }

    /** Forgets every entry. */
    public void forgetAll() {
        generation.incrementAndGet();
        byTenant.clear();
    }

    private Cached fresh(String tenant, String number, Instant now) {
        ConcurrentHashMap<String, Cached> entries = byTenant.get(tenant);
        Cached cached = entries == null ? null : entries.get(number);
        return cached != null && cached.validUntil().isAfter(now) ? cached : null;
    }

    private Uni<Cached> read(String tenant, String number, Instant now) {
        long before = generation.get();
        return database.preparedQuery(LOOKUP).execute(Tuple.of(tenant, number)).map(rows -> {
            Cached read = rows.rowCount() == 0
                    ? new Cached(Optional.empty(), Optional.empty(), now.plus(ttl))
                    : cached(number, rows.iterator().next(), now, now.plus(ttl));
            if (generation.get() == before) {
                byTenant.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>()).put(number, read);
                if (generation.get() != before) {
                    forgetTenant(tenant); // a change was announced while we stored: do not keep what we read
                }
            }
            return read;
        });
    }

    private static Cached cached(String number, Row row, Instant now, Instant validUntil) {
        OffsetDateTime expires = row.getOffsetDateTime("expires_at");
        List<String> useCases = new ArrayList<>();
        useCases.add(row.getString("use_case"));
        useCases.addAll(List.of(row.getArrayOfStrings("sub_use_cases")));
        RegisteredSender sender = new RegisteredSender(
                number,
                row.getString("campaign_id"),
                row.getString("brand_id"),
                CampaignStatus.valueOf(row.getString("status")),
                BrandStatus.valueOf(row.getString("brand_status")),
                List.copyOf(useCases),
                expires == null ? null : expires.toInstant());
        return new Cached(Optional.of(sender), Optional.of(sender.asSenderCampaign(now)), validUntil);
    }

    /** The cached view, unless the campaign has expired since it was read (then a fresh view, EXPIRED). */
    private static Optional<SenderCampaign> current(Cached cached, Instant now) {
        if (cached.sender().isEmpty()) {
            return Optional.empty();
        }
        RegisteredSender sender = cached.sender().get();
        if (sender.expiresAt() != null && !sender.expiresAt().isAfter(now)) {
            return Optional.of(sender.asSenderCampaign(now));
        }
        return cached.campaign();
    }
}
