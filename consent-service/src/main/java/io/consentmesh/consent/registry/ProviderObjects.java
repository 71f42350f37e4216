package io.consentmesh.consent.registry;

import static io.consentmesh.runtime.sql.Timestamps.instant;
import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Providers' objects ({@code tendlc_provider_object}): which brand or campaign ({@code kind} {@code BRAND} or
 * {@code CAMPAIGN}) each provider's id names, whether given with the entry or imported, and what was last imported
 * from each object. The caller's client decides the transaction.
 */
@ApplicationScoped
public class ProviderObjects {

    /** The registry entry a provider's object was imported as (or named in {@code providerIds}), if any. */
    public Uni<Map<String, Object>> find(
            SqlClient client, String tenant, String provider, String kind, String providerId) {
        return client.preparedQuery("SELECT local_id, provider_status, provider_updated_at, content_sha256"
                        + " FROM tendlc_provider_object"
                        + " WHERE tenant_id = $1 AND provider = $2 AND kind = $3 AND provider_id = $4 FOR UPDATE")
                .execute(Tuple.of(tenant, provider, kind, providerId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    Map<String, Object> found = new LinkedHashMap<>();
                    found.put("localId", row.getString("local_id"));
                    found.put("providerStatus", row.getString("provider_status"));
                    found.put("providerUpdatedAt", instant(row.getOffsetDateTime("provider_updated_at")));
                    found.put("contentSha256", row.getString("content_sha256"));
                    return found;
                });
    }

    /** Records what was imported from a provider's object, for the next import of it to compare against. */
    public Uni<Void> record(
            SqlConnection connection,
            String tenant,
            String provider,
            String kind,
            String providerId,
            String localId,
            String providerStatus,
            Instant providerUpdatedAt,
            String contentSha256,
            Instant importedAt) {
        return connection
                .preparedQuery("INSERT INTO tendlc_provider_object (tenant_id, provider, kind, provider_id, local_id,"
                        + " provider_status, provider_updated_at, content_sha256, imported_at)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                        + " ON CONFLICT (tenant_id, provider, kind, provider_id) DO UPDATE SET"
                        + " local_id = EXCLUDED.local_id, provider_status = EXCLUDED.provider_status,"
                        + " provider_updated_at = EXCLUDED.provider_updated_at,"
                        + " content_sha256 = EXCLUDED.content_sha256, imported_at = EXCLUDED.imported_at")
                .execute(Tuple.from(new Object[] {
                    tenant,
                    provider,
                    kind,
                    providerId,
                    localId,
                    providerStatus,
                    utc(providerUpdatedAt),
                    contentSha256,
                    utc(importedAt)
                }))
                .replaceWithVoid();
    }

    /** The brand (or campaign) that has this id, or is known by it to a provider. */
    public Uni<String> localIdOf(SqlClient client, String tenant, String kind, String id) {
        String table = kind.equals("BRAND") ? "tendlc_brand" : "tendlc_campaign";
        String column = kind.equals("BRAND") ? "brand_id" : "campaign_id";
        return client.preparedQuery("SELECT " + column + " AS id FROM " + table + " WHERE tenant_id = $1 AND " + column
                        + " = $2 UNION ALL SELECT local_id FROM tendlc_provider_object"
                        + " WHERE tenant_id = $1 AND kind = $3 AND provider_id = $2 LIMIT 1")
                .execute(Tuple.of(tenant, id, kind))
                .map(rows ->
                        rows.rowCount() == 0 ? null : rows.iterator().next().getString("id"));
    }

    /** Records that each provider knows the entry by the id given for it ({@code providerIds}: provider → id). */
    Uni<Void> recordIds(SqlConnection connection, String tenant, String kind, String localId, Map<String, String> ids) {
        if (ids == null || ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Map.Entry<String, String> id : ids.entrySet()) {
            all = all.chain(() -> connection
                    .preparedQuery("INSERT INTO tendlc_provider_object (tenant_id, provider, kind, provider_id,"
                            + " local_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, provider, kind,"
                            + " provider_id) DO UPDATE SET local_id = EXCLUDED.local_id")
                    .execute(Tuple.of(tenant, id.getKey(), kind, id.getValue(), localId))
                    .replaceWithVoid());
        }
        return all;
    }

    /** The ids providers know the entry by: provider → id. */
    Uni<Map<String, String>> idsOf(SqlClient client, String tenant, String kind, String localId) {
        return client.preparedQuery("SELECT provider, provider_id FROM tendlc_provider_object"
                        + " WHERE tenant_id = $1 AND kind = $2 AND local_id = $3 ORDER BY provider, provider_id")
                .execute(Tuple.of(tenant, kind, localId))
                .map(rows -> {
                    Map<String, String> ids = new LinkedHashMap<>();
                    rows.forEach(row -> ids.put(row.getString("provider"), row.getString("provider_id")));
                    return ids;
                });
    }
}
