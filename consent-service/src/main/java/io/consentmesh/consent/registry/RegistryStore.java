package io.consentmesh.consent.registry;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.consent.authorization.rules.CampaignStatus;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.runtime.http.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The 10DLC registry's tables: brands, campaigns, sending numbers, their histories and the provider objects they
 * were imported from. Every write runs in one transaction and, once committed, forgets the tenant's cached lookups in
 * this instance before it answers (other instances hear of it through the trigger's NOTIFY).
 */
@ApplicationScoped
public class RegistryStore {

    /** Who made a change, and why: {@code API}, or {@code IMPORT:TWILIO} with the provider's own status. */
    public record Change(String source, String reason, Instant at) {}

    /** What a write did: created the entry, or changed the existing one (or left it as it was). */
    public record Written<T>(T value, boolean created) {}

    private static final String CAMPAIGN_COLUMNS = "tenant_id, campaign_id, brand_id, use_case, sub_use_cases,"
            + " status, description, message_flow, opt_in_message, opt_out_message, help_message, message_samples,"
            + " embedded_links, embedded_phone, age_gated, direct_lending, number_pooling, subscriber_opt_in,"
            + " subscriber_opt_out, subscriber_help, expires_at, created_at, updated_at";

    private final Pool database;
    private final SenderCampaigns senderCampaigns;
    private final UseCaseCoverage coverage;
    private final Clock clock = Clock.systemUTC();

    RegistryStore(Pool database, SenderCampaigns senderCampaigns, UseCaseCoverage coverage) {
        this.database = database;
        this.senderCampaigns = senderCampaigns;
        this.coverage = coverage;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Runs {@code work} in one transaction; once it committed, this instance forgets the tenant's lookups. */
    public <T> Uni<T> write(String tenant, Function<SqlConnection, Uni<T>> work) {
        return database.withTransaction(work).invoke(() -> senderCampaigns.forgetTenant(tenant));
    }

    // --- the API's changes: each in its own transaction, none trusted with a status transition ------------------

    /** Creates or replaces a brand; the brand as stored afterwards, and whether it was created. */
    public Uni<Written<Brand>> putBrand(String tenant, String brandId, BrandRequest brand, Change change) {
        return write(tenant, connection -> putBrand(connection, brandId, brand, change, false))
                .chain(created -> brand(tenant, brandId).map(stored -> new Written<>(stored, created)));
    }

    /** Changes a brand's status (404 when there is no such brand, 409 when the tenant may not make the change). */
    public Uni<Brand> changeBrandStatus(String tenant, String brandId, BrandStatus status, Change change) {
        return write(tenant, connection -> changeBrandStatus(connection, tenant, brandId, status, change, false))
                .chain(() -> brand(tenant, brandId));
    }

    /** Creates or replaces a campaign; the campaign as stored afterwards, and whether it was created. */
    public Uni<Written<Campaign>> putCampaign(
            String tenant, String campaignId, CampaignRequest campaign, Change change) {
        return write(tenant, connection -> putCampaign(connection, campaignId, campaign, change, false))
                .chain(created -> campaign(tenant, campaignId).map(stored -> new Written<>(stored, created)));
    }

    /** Changes a campaign's status (404 when there is no such campaign, 409 when the tenant may not make it). */
    public Uni<Campaign> changeCampaignStatus(String tenant, String campaignId, CampaignStatus status, Change change) {
        return write(tenant, connection -> changeCampaignStatus(connection, tenant, campaignId, status, change, false))
                .chain(() -> campaign(tenant, campaignId));
    }

    /** Puts a number on its campaign now (404, 409 as the transactional form says); whether it moved. */
    public Uni<Boolean> assign(String tenant, String number, String campaignId) {
        return write(tenant, connection -> assign(connection, tenant, number, campaignId, now()));
    }

    /** Takes a number off its campaign now (404 when it is on none). */
    public Uni<Void> unassign(String tenant, String number) {
        return write(tenant, connection -> unassign(connection, tenant, number, now()));
    }

    // --- brands -------------------------------------------------------------------------------------------------

    /** Creates or replaces a brand; a status change must be one the tenant may make unless {@code trusted}. */
    public Uni<Boolean> putBrand(
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
                        throw transitionConflict(
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
                                    : history(connection, "brand", tenant, brandId, before, brand.status(), change))
                            .chain(() -> providerIds(connection, tenant, "BRAND", brandId, brand.providerIds()))
                            .replaceWith(before == null);
                });
    }

    /** Changes a brand's status (404 when there is no such brand, 409 when the tenant may not make the change). */
    public Uni<Void> changeBrandStatus(
            SqlConnection connection,
            String tenant,
            String brandId,
            BrandStatus status,
            Change change,
            boolean trusted) {
        return changeStatus(
                connection,
                "brand",
                tenant,
                brandId,
                status,
                change,
                before -> trusted || StatusTransitions.allowed(BrandStatus.valueOf(before), status));
    }

    public Uni<Brand> brand(String tenant, String brandId) {
        return database.preparedQuery("SELECT * FROM tendlc_brand WHERE tenant_id = $1 AND brand_id = $2")
                .execute(Tuple.of(tenant, brandId))
                .chain(rows -> {
                    Row row = only(rows, "brand " + brandId);
                    return Uni.combine()
                            .all()
                            .unis(providerIds(tenant, "BRAND", brandId), statusHistory("brand", tenant, brandId))
                            .with((ids, history) -> brand(row, ids, history));
                });
    }

    public Uni<List<Brand>> brands(String tenant) {
        return database.preparedQuery("SELECT * FROM tendlc_brand WHERE tenant_id = $1 ORDER BY brand_id")
                .execute(Tuple.of(tenant))
                .map(rows -> {
                    List<Brand> brands = new ArrayList<>();
                    rows.forEach(row -> brands.add(brand(row, null, null)));
                    return brands;
                });
    }

    // --- campaigns ----------------------------------------------------------------------------------------------

    /**
     * Creates or replaces a campaign. Its brand must exist (404); a campaign never moves to another brand (409); a
     * status change must be one the tenant may make unless {@code trusted} (409).
     */
    public Uni<Boolean> putCampaign(
            SqlConnection connection, String campaignId, CampaignRequest campaign, Change change, boolean trusted) {
        String tenant = campaign.tenantId();
        return connection
                .preparedQuery("SELECT 1 FROM tendlc_brand WHERE tenant_id = $1 AND brand_id = $2")
                .execute(Tuple.of(tenant, campaign.brandId()))
                .chain(brand -> {
                    if (brand.rowCount() == 0) {
                        throw notFound("no brand " + campaign.brandId() + " for this tenant: register it first");
                    }
                    return connection
                            .preparedQuery("SELECT brand_id, status FROM tendlc_campaign"
                                    + " WHERE tenant_id = $1 AND campaign_id = $2 FOR UPDATE")
                            .execute(Tuple.of(tenant, campaignId));
                })
                .chain(previous -> {
                    Row row = previous.rowCount() == 0
                            ? null
                            : previous.iterator().next();
                    CampaignStatus before = row == null ? null : CampaignStatus.valueOf(row.getString("status"));
                    if (row != null && !row.getString("brand_id").equals(campaign.brandId())) {
                        throw new ProblemException(Problem.of(
                                409,
                                "campaign-brand-conflict",
                                "A campaign keeps its brand",
                                "campaign " + campaignId + " belongs to brand " + row.getString("brand_id")
                                        + "; register a new campaign for another brand"));
                    }
                    if (before != null && !trusted && !StatusTransitions.allowed(before, campaign.status())) {
                        throw transitionConflict(
                                "campaign", before.name(), campaign.status().name());
                    }
                    return connection
                            .preparedQuery("INSERT INTO tendlc_campaign (" + CAMPAIGN_COLUMNS + ") VALUES ($1, $2, $3,"
                                    + " $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,"
                                    + " $21, $22, $22) ON CONFLICT (tenant_id, campaign_id) DO UPDATE SET"
                                    + " use_case = EXCLUDED.use_case, sub_use_cases = EXCLUDED.sub_use_cases,"
                                    + " status = EXCLUDED.status, description = EXCLUDED.description,"
                                    + " message_flow = EXCLUDED.message_flow,"
                                    + " opt_in_message = EXCLUDED.opt_in_message,"
                                    + " opt_out_message = EXCLUDED.opt_out_message,"
                                    + " help_message = EXCLUDED.help_message,"
                                    + " message_samples = EXCLUDED.message_samples,"
                                    + " embedded_links = EXCLUDED.embedded_links,"
                                    + " embedded_phone = EXCLUDED.embedded_phone, age_gated = EXCLUDED.age_gated,"
                                    + " direct_lending = EXCLUDED.direct_lending,"
                                    + " number_pooling = EXCLUDED.number_pooling,"
                                    + " subscriber_opt_in = EXCLUDED.subscriber_opt_in,"
                                    + " subscriber_opt_out = EXCLUDED.subscriber_opt_out,"
                                    + " subscriber_help = EXCLUDED.subscriber_help, expires_at = EXCLUDED.expires_at,"
                                    + " updated_at = EXCLUDED.updated_at")
                            .execute(campaignRow(campaignId, campaign, change.at()))
                            .chain(() -> before == campaign.status()
                                    ? Uni.createFrom().voidItem()
                                    : history(
                                            connection,
                                            "campaign",
                                            tenant,
                                            campaignId,
                                            before,
                                            campaign.status(),
                                            change))
                            .replaceWith(before == null);
                });
    }

    /** Changes a campaign's status (404 when there is no such campaign, 409 when the tenant may not make it). */
    public Uni<Void> changeCampaignStatus(
            SqlConnection connection,
            String tenant,
            String campaignId,
            CampaignStatus status,
            Change change,
            boolean trusted) {
        return changeStatus(
                connection,
                "campaign",
                tenant,
                campaignId,
                status,
                change,
                before -> trusted || StatusTransitions.allowed(CampaignStatus.valueOf(before), status));
    }

    /** A brand's or campaign's status change, with its history entry; none when the status is the same. */
    private static Uni<Void> changeStatus(
            SqlConnection connection,
            String kind,
            String tenant,
            String id,
            Enum<?> status,
            Change change,
            Predicate<String> allowedFrom) {
        String where = " WHERE tenant_id = $1 AND " + kind + "_id = $2";
        return connection
                .preparedQuery("SELECT status FROM tendlc_" + kind + where + " FOR UPDATE")
                .execute(Tuple.of(tenant, id))
                .chain(rows -> {
                    String before = only(rows, kind + " " + id).getString("status");
                    if (before.equals(status.name())) {
                        return Uni.createFrom().voidItem();
                    }
                    if (!allowedFrom.test(before)) {
                        throw transitionConflict(kind, before, status.name());
                    }
                    return connection
                            .preparedQuery("UPDATE tendlc_" + kind + " SET status = $3, updated_at = $4" + where)
                            .execute(Tuple.of(tenant, id, status.name(), utc(change.at())))
                            .chain(() -> history(connection, kind, tenant, id, before, status, change));
                });
    }

    public Uni<Campaign> campaign(String tenant, String campaignId) {
        return database.preparedQuery("SELECT c.*, b.status AS brand_status FROM tendlc_campaign c JOIN tendlc_brand b"
                        + " ON b.tenant_id = c.tenant_id AND b.brand_id = c.brand_id"
                        + " WHERE c.tenant_id = $1 AND c.campaign_id = $2")
                .execute(Tuple.of(tenant, campaignId))
                .chain(rows -> {
                    Row row = only(rows, "campaign " + campaignId);
                    return Uni.combine()
                            .all()
                            .unis(
                                    providerIds(tenant, "CAMPAIGN", campaignId),
                                    senderNumbers(tenant, campaignId),
                                    statusHistory("campaign", tenant, campaignId))
                            .with((ids, numbers, history) -> campaign(row, ids, numbers, history));
                });
    }

    /** The tenant's campaigns, optionally of one brand and in one status, without numbers and history. */
    public Uni<List<Campaign>> campaigns(String tenant, String brandId, CampaignStatus status) {
        return database.preparedQuery("SELECT c.*, b.status AS brand_status FROM tendlc_campaign c JOIN tendlc_brand b"
                        + " ON b.tenant_id = c.tenant_id AND b.brand_id = c.brand_id WHERE c.tenant_id = $1"
                        + " AND ($2::text IS NULL OR c.brand_id = $2) AND ($3::text IS NULL OR c.status = $3)"
                        + " ORDER BY c.campaign_id")
                .execute(Tuple.of(tenant, brandId, status == null ? null : status.name()))
                .map(rows -> {
                    List<Campaign> campaigns = new ArrayList<>();
                    rows.forEach(row -> campaigns.add(campaign(row, null, null, null)));
                    return campaigns;
                });
    }

    // --- sending numbers ----------------------------------------------------------------------------------------

    /**
     * Puts a number on a campaign, taking it off the one it was on (the history keeps both). 404 when there is no
     * such campaign; 409 when the campaign is expired or rejected.
     *
     * @return whether the number moved (false: it was on this campaign already)
     */
    public Uni<Boolean> assign(SqlConnection connection, String tenant, String number, String campaignId, Instant at) {
        return connection
                .preparedQuery("SELECT status FROM tendlc_campaign WHERE tenant_id = $1 AND campaign_id = $2")
                .execute(Tuple.of(tenant, campaignId))
                .chain(campaign -> {
                    if (campaign.rowCount() == 0) {
                        throw notFound("no campaign " + campaignId + " for this tenant");
                    }
                    CampaignStatus status =
                            CampaignStatus.valueOf(campaign.iterator().next().getString("status"));
                    if (status == CampaignStatus.EXPIRED || status == CampaignStatus.REJECTED) {
                        throw new ProblemException(Problem.of(
                                409,
                                "campaign-closed",
                                "The campaign takes no numbers",
                                "campaign " + campaignId + " is " + status + "; numbers go on a live campaign"));
                    }
                    return connection
                            .preparedQuery("SELECT campaign_id FROM tendlc_sender_number"
                                    + " WHERE tenant_id = $1 AND number = $2 FOR UPDATE")
                            .execute(Tuple.of(tenant, number));
                })
                .chain(current -> {
                    String before = current.rowCount() == 0
                            ? null
                            : current.iterator().next().getString("campaign_id");
                    if (campaignId.equals(before)) {
                        return Uni.createFrom().item(false);
                    }
                    return release(connection, tenant, number, at)
                            .chain(() -> connection
                                    .preparedQuery("INSERT INTO tendlc_sender_number (tenant_id, number, campaign_id,"
                                            + " assigned_at) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, number)"
                                            + " DO UPDATE SET campaign_id = EXCLUDED.campaign_id,"
                                            + " assigned_at = EXCLUDED.assigned_at")
                                    .execute(Tuple.of(tenant, number, campaignId, utc(at))))
                            .chain(() -> connection
                                    .preparedQuery("INSERT INTO tendlc_sender_assignment (tenant_id, number,"
                                            + " campaign_id, assigned_at) VALUES ($1, $2, $3, $4)")
                                    .execute(Tuple.of(tenant, number, campaignId, utc(at))))
                            .replaceWith(true);
                });
    }

    /** Takes a number off its campaign: it can no longer send (G-01). 404 when it is on none. */
    public Uni<Void> unassign(SqlConnection connection, String tenant, String number, Instant at) {
        return connection
                .preparedQuery("DELETE FROM tendlc_sender_number WHERE tenant_id = $1 AND number = $2")
                .execute(Tuple.of(tenant, number))
                .chain(deleted -> {
                    if (deleted.rowCount() == 0) {
                        throw notFound("the number is on no campaign of this tenant");
                    }
                    return release(connection, tenant, number, at);
                });
    }

    /** The tenant's numbers and their campaigns, optionally of one campaign. */
    public Uni<List<Map<String, Object>>> senders(String tenant, String campaignId) {
        return database.preparedQuery("SELECT number, campaign_id, assigned_at FROM tendlc_sender_number"
                        + " WHERE tenant_id = $1 AND ($2::text IS NULL OR campaign_id = $2) ORDER BY number")
                .execute(Tuple.of(tenant, campaignId))
                .map(rows -> {
                    List<Map<String, Object>> senders = new ArrayList<>();
                    rows.forEach(row -> {
                        Map<String, Object> sender = new LinkedHashMap<>();
                        sender.put("number", row.getString("number"));
                        sender.put("campaignId", row.getString("campaign_id"));
                        sender.put("assignedAt", instant(row.getOffsetDateTime("assigned_at")));
                        senders.add(sender);
                    });
                    return senders;
                });
    }

    /** A brand as stored, as a request would give it (null when there is none). */
    public Uni<BrandRequest> storedBrand(SqlClient client, String tenant, String brandId) {
        return row(client, "brand", tenant, brandId)
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

    private static Uni<Row> row(SqlClient client, String kind, String tenant, String id) {
        return client.preparedQuery("SELECT * FROM tendlc_" + kind + " WHERE tenant_id = $1 AND " + kind + "_id = $2")
                .execute(Tuple.of(tenant, id))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next());
    }

    /** A campaign as stored, as a request would give it (null when there is none). */
    public Uni<CampaignRequest> storedCampaign(SqlClient client, String tenant, String campaignId) {
        return row(client, "campaign", tenant, campaignId)
                .map(row -> row == null
                        ? null
                        : new CampaignRequest(
                                tenant,
                                row.getString("brand_id"),
                                row.getString("use_case"),
                                List.of(row.getArrayOfStrings("sub_use_cases")),
                                CampaignStatus.valueOf(row.getString("status")),
                                row.getString("description"),
                                row.getString("message_flow"),
                                row.getString("opt_in_message"),
                                row.getString("opt_out_message"),
                                row.getString("help_message"),
                                List.of(row.getArrayOfStrings("message_samples")),
                                flags(row),
                                instant(row.getOffsetDateTime("expires_at"))));
    }

    // --- provider objects ---------------------------------------------------------------------------------------

    /** The registry entry a provider's object was imported as (or named in {@code providerIds}), if any. */
    public Uni<Map<String, Object>> providerObject(
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
    public Uni<Void> recordProviderObject(
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

    // --- rows ---------------------------------------------------------------------------------------------------

    private static Uni<Void> history(
            SqlConnection connection,
            String kind,
            String tenant,
            String id,
            Object before,
            Enum<?> status,
            Change change) {
        return connection
                .preparedQuery("INSERT INTO tendlc_" + kind + "_status_change (tenant_id, " + kind + "_id,"
                        + " previous_status, status, source, reason, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(new Object[] {
                    tenant,
                    id,
                    before == null ? null : before.toString(),
                    status.name(),
                    change.source(),
                    change.reason(),
                    utc(change.at())
                }))
                .replaceWithVoid();
    }

    private Uni<List<StatusChange>> statusHistory(String kind, String tenant, String id) {
        return database.preparedQuery("SELECT * FROM tendlc_" + kind + "_status_change WHERE tenant_id = $1 AND " + kind
                        + "_id = $2 ORDER BY changed_at, status")
                .execute(Tuple.of(tenant, id))
                .map(rows -> {
                    List<StatusChange> history = new ArrayList<>();
                    rows.forEach(row -> history.add(new StatusChange(
                            row.getString("previous_status"),
                            row.getString("status"),
                            row.getString("source"),
                            row.getString("reason"),
                            instant(row.getOffsetDateTime("changed_at")))));
                    return history;
                });
    }

    private static Uni<Void> providerIds(
            SqlConnection connection, String tenant, String kind, String localId, Map<String, String> ids) {
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

    private Uni<Map<String, String>> providerIds(String tenant, String kind, String localId) {
        return database.preparedQuery("SELECT provider, provider_id FROM tendlc_provider_object"
                        + " WHERE tenant_id = $1 AND kind = $2 AND local_id = $3 ORDER BY provider, provider_id")
                .execute(Tuple.of(tenant, kind, localId))
                .map(rows -> {
                    Map<String, String> ids = new LinkedHashMap<>();
                    rows.forEach(row -> ids.put(row.getString("provider"), row.getString("provider_id")));
                    return ids;
                });
    }

    private Uni<List<String>> senderNumbers(String tenant, String campaignId) {
        return database.preparedQuery("SELECT number FROM tendlc_sender_number"
                        + " WHERE tenant_id = $1 AND campaign_id = $2 ORDER BY number")
                .execute(Tuple.of(tenant, campaignId))
                .map(rows -> {
                    List<String> numbers = new ArrayList<>();
                    rows.forEach(row -> numbers.add(row.getString("number")));
                    return numbers;
                });
    }

    private static Uni<Void> release(SqlConnection connection, String tenant, String number, Instant at) {
        return connection
                .preparedQuery("UPDATE tendlc_sender_assignment SET released_at = $3"
                        + " WHERE tenant_id = $1 AND number = $2 AND released_at IS NULL")
                .execute(Tuple.of(tenant, number, utc(at)))
                .replaceWithVoid();
    }

    private static Tuple campaignRow(String campaignId, CampaignRequest c, Instant at) {
        CampaignFlags flags = c.flags();
        return Tuple.tuple()
                .addString(c.tenantId())
                .addString(campaignId)
                .addString(c.brandId())
                .addString(c.useCase())
                .addArrayOfString(c.subUseCases().toArray(String[]::new))
                .addString(c.status().name())
                .addString(c.description())
                .addString(c.messageFlow())
                .addString(c.optInMessage())
                .addString(c.optOutMessage())
                .addString(c.helpMessage())
                .addArrayOfString(c.messageSamples().toArray(String[]::new))
                .addBoolean(flags.embeddedLinks())
                .addBoolean(flags.embeddedPhone())
                .addBoolean(flags.ageGated())
                .addBoolean(flags.directLending())
                .addBoolean(flags.numberPooling())
                .addBoolean(flags.subscriberOptIn())
                .addBoolean(flags.subscriberOptOut())
                .addBoolean(flags.subscriberHelp())
                .addOffsetDateTime(utc(c.expiresAt()))
                .addOffsetDateTime(utc(at));
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

    private Campaign campaign(
            Row row, Map<String, String> providerIds, List<String> numbers, List<StatusChange> history) {
        CampaignStatus status = CampaignStatus.valueOf(row.getString("status"));
        Instant expires = instant(row.getOffsetDateTime("expires_at"));
        List<String> subUseCases = List.of(row.getArrayOfStrings("sub_use_cases"));
        List<String> useCases = new ArrayList<>();
        useCases.add(row.getString("use_case"));
        useCases.addAll(subUseCases);
        Instant now = clock.instant();
        return new Campaign(
                row.getString("tenant_id"),
                row.getString("campaign_id"),
                row.getString("brand_id"),
                row.getString("use_case"),
                subUseCases,
                status,
                EffectiveStatus.of(status, BrandStatus.valueOf(row.getString("brand_status")), expires, now),
                coverage.coveredClasses(useCases, now),
                row.getString("description"),
                row.getString("message_flow"),
                row.getString("opt_in_message"),
                row.getString("opt_out_message"),
                row.getString("help_message"),
                List.of(row.getArrayOfStrings("message_samples")),
                flags(row),
                expires,
                providerIds,
                numbers,
                history,
                instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("updated_at")));
    }

    private static CampaignFlags flags(Row row) {
        return new CampaignFlags(
                row.getBoolean("embedded_links"),
                row.getBoolean("embedded_phone"),
                row.getBoolean("age_gated"),
                row.getBoolean("direct_lending"),
                row.getBoolean("number_pooling"),
                row.getBoolean("subscriber_opt_in"),
                row.getBoolean("subscriber_opt_out"),
                row.getBoolean("subscriber_help"));
    }

    /** The one row found, or 404 naming what was looked for. */
    private static Row only(RowSet<Row> rows, String what) {
        if (rows.rowCount() == 0) {
            throw notFound("no " + what + " for this tenant");
        }
        return rows.iterator().next();
    }

    static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", detail));
    }

    private static ProblemException transitionConflict(String what, String from, String to) {
        return new ProblemException(Problem.of(
                409,
                "status-transition-conflict",
                "The status change is not allowed",
                "a " + what + " that is " + from + " cannot become " + to + " through the API"));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
