package io.consentmesh.consent.registry;

import static io.consentmesh.runtime.sql.Timestamps.instant;
import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.consent.registry.RegistryWrites.Change;
import io.consentmesh.consent.registry.RegistryWrites.Written;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tenant's 10DLC brands ({@code tendlc_brand}) with their status history and providers' ids. The API's changes
 * run in their own transaction and may only make the status changes a tenant may make; the forms that take a
 * connection join the caller's transaction, and an import (the provider's word) may make any.
 */
@ApplicationScoped
public class Brands {

    private final Pool database;
    private final RegistryWrites writes;
    private final ProviderObjects providerObjects;

    Brands(Pool database, RegistryWrites writes, ProviderObjects providerObjects) {
        this.database = database;
        this.writes = writes;
        this.providerObjects = providerObjects;
    }

    /** Creates or replaces a brand; the brand as stored afterwards, and whether it was created. */
    public Uni<Written<Brand>> put(String tenant, String brandId, BrandRequest brand, Change change) {
        return writes.inTransaction(tenant, connection -> put(connection, brandId, brand, change, false))
                .chain(created -> get(tenant, brandId).map(stored -> new Written<>(stored, created)));
    }

    /** Changes a brand's status (404 when there is no such brand, 409 when the tenant may not make the change). */
    public Uni<Brand> changeStatus(String tenant, String brandId, BrandStatus status, Change change) {
        return writes.inTransaction(
                        tenant, connection -> changeStatus(connection, tenant, brandId, status, change, false))
                .chain(() -> get(tenant, brandId));
    }

    /** Creates or replaces a brand; a status change must be one the tenant may make unless {@code trusted}. */
    public Uni<Boolean> put(
            SqlConnection connection, String brandId, BrandRequest brand, Change change, boolean trusted) {
        String tenant = brand.tenantId();
        return connection
                .preparedQuery("SELECT status FROM tendlc_brand WHERE tenant_id = $1 AND brand_id = $2 FOR UPDATE")
                .execute(Tuple.of(tenant, brandId))
                .chain(previous -> {
                    BrandStatus before = previous.rowCount() == 0
                            ? null
                            : BrandStatus.valueOf(previous.iterator().next().getString("status"));
                    if (before != null && !trusted && !StatusTransitions.allowed(before, brand.status())) {
                        throw RegistryRows.transitionConflict(
                                "brand", before.name(), brand.status().name());
                    }
                    Uni<RowSet<Row>> upsert = connection
                            .preparedQuery("INSERT INTO tendlc_brand (tenant_id, brand_id, legal_name, display_name,"
                                    + " entity_type, status, created_at, updated_at)"
                                    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $7)"
                                    + " ON CONFLICT (tenant_id, brand_id) DO UPDATE SET"
                                    + " legal_name = EXCLUDED.legal_name, display_name = EXCLUDED.display_name,"
                                    + " entity_type = EXCLUDED.entity_type, status = EXCLUDED.status,"
                                    + " updated_at = EXCLUDED.updated_at")
                            .execute(Tuple.from(new Object[] {
                                tenant,
                                brandId,
                                brand.legalName(),
                                brand.displayName(),
                                brand.entityType(),
                                brand.status().name(),
                                utc(change.at())
                            }));
                    return upsert.chain(() -> before == brand.status()
                                    ? Uni.createFrom().voidItem()
                                    : RegistryRows.history(
                                            connection, "brand", tenant, brandId, before, brand.status(), change))
                            .chain(() -> providerObjects.recordIds(
                                    connection, tenant, "BRAND", brandId, brand.providerIds()))
                            .replaceWith(before == null);
                });
    }

    /** Changes a brand's status (404 when there is no such brand, 409 when the tenant may not make the change). */
    public Uni<Void> changeStatus(
            SqlConnection connection,
            String tenant,
            String brandId,
            BrandStatus status,
            Change change,
            boolean trusted) {
        return RegistryRows.changeStatus(
                connection,
                "brand",
                tenant,
                brandId,
                status,
                change,
                before -> trusted || StatusTransitions.allowed(BrandStatus.valueOf(before), status));
    }

    /** A brand with its providers' ids and status history (404 when there is none). */
    public Uni<Brand> get(String tenant, String brandId) {
        return database.preparedQuery("SELECT * FROM tendlc_brand WHERE tenant_id = $1 AND brand_id = $2")
                .execute(Tuple.of(tenant, brandId))
                .chain(rows -> {
                    Row row = RegistryRows.only(rows, "brand " + brandId);
                    return Uni.combine()
                            .all()
                            .unis(
                                    providerObjects.idsOf(database, tenant, "BRAND", brandId),
                                    RegistryRows.statusHistory(database, "brand", tenant, brandId))
                            .with((ids, history) -> brand(row, ids, history));
                });
    }

    /** The tenant's brands, without providers' ids and history. */
    public Uni<List<Brand>> list(String tenant) {
        return database.preparedQuery("SELECT * FROM tendlc_brand WHERE tenant_id = $1 ORDER BY brand_id")
                .execute(Tuple.of(tenant))
                .map(rows -> {
                    List<Brand> brands = new ArrayList<>();
                    rows.forEach(row -> brands.add(brand(row, null, null)));
                    return brands;
                });
    }

    /** A brand as stored, as a request would give it (null when there is none). */
    public Uni<BrandRequest> stored(SqlClient client, String tenant, String brandId) {
        return RegistryRows.row(client, "brand", tenant, brandId)
                .map(row -> row == null
                        ? null
                        : new BrandRequest(
                                tenant,
                                row.getString("legal_name"),
                                row.getString("display_name"),
                                row.getString("entity_type"),
                                BrandStatus.valueOf(row.getString("status")),
                                Map.of()));
    }

    private static Brand brand(Row row, Map<String, String> providerIds, List<StatusChange> history) {
        return new Brand(
                row.getString("tenant_id"),
                row.getString("brand_id"),
                row.getString("legal_name"),
                row.getString("display_name"),
                row.getString("entity_type"),
                BrandStatus.valueOf(row.getString("status")),
                providerIds,
                history,
                instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("updated_at")));
    }
}
