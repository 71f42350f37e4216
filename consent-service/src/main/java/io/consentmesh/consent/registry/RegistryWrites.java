package io.consentmesh.consent.registry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

/**
 * How the registry is written: every write runs in one transaction and, once committed, forgets the tenant's cached
 * lookups in this instance before it answers (other instances hear of it through the trigger's NOTIFY).
 */
@ApplicationScoped
public class RegistryWrites {

    /** Who made a change, and why: {@code API}, or {@code IMPORT:TWILIO} with the provider's own status. */
    public record Change(String source, String reason, Instant at) {}

    /** What a write did: created the entry, or changed the existing one (or left it as it was). */
    public record Written<T>(T value, boolean created) {}

    private final Pool database;
    private final SenderCampaigns senderCampaigns;
    private final Clock clock = Clock.systemUTC();

    RegistryWrites(Pool database, SenderCampaigns senderCampaigns) {
        this.database = database;
        this.senderCampaigns = senderCampaigns;
    }

    /** The instant a change made now is recorded at. */
    public Instant now() {
        return clock.instant();
    }

    /** Runs {@code work} in one transaction; once it committed, this instance forgets the tenant's lookups. */
    public <T> Uni<T> inTransaction(String tenant, Function<SqlConnection, Uni<T>> work) {
        return database.withTransaction(work).invoke(() -> senderCampaigns.forgetTenant(tenant));
    }
}
