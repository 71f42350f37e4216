package io.consentmesh.consent.registry;

import static io.consentmesh.runtime.sql.Timestamps.instant;
import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.consent.authorization.rules.CampaignStatus;
import io.consentmesh.consent.registry.RegistryWrites.Change;
import io.consentmesh.consent.registry.RegistryWrites.Written;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.runtime.http.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tenant's 10DLC campaigns ({@code tendlc_campaign}) with their status history, providers' ids and sending
 * numbers, read with their effective status and covered content classes as of the moment they are read. The API's
 * changes run in their own transaction and may only make the status changes a tenant may make; the forms that take a
 * connection join the caller's transaction, and an import (the provider's word) may make any.
 */
@ApplicationScoped
public class Campaigns {

    private static final String COLUMNS = "tenant_id, campaign_id, brand_id, use_case, sub_use_cases,"
            + " status, description, message_flow, opt_in_message, opt_out_message, help_message, message_samples,"
            + " embedded_links, embedded_phone, age_gated, direct_lending, number_pooling, subscriber_opt_in,"
            + " subscriber_opt_out, subscriber_help, expires_at, created_at, updated_at, opt_in_keywords,"
            + " keyword_opt_in_level";
    /** A campaign with its brand's status, from which its effective status follows. */
    private static final String WITH_BRAND_STATUS = "SELECT c.*, b.status AS brand_status FROM tendlc_campaign c"
            + " JOIN tendlc_brand b ON b.tenant_id = c.tenant_id AND b.brand_id = c.brand_id";

    private final Pool database;
    private final RegistryWrites writes;
    private final ProviderObjects providerObjects;
    private final SendingNumbers sendingNumbers;
    private final UseCaseCoverage coverage;
    private final Clock clock = Clock.systemUTC();

    Campaigns(
            Pool database,
            RegistryWrites writes,
            ProviderObjects providerObjects,
            SendingNumbers sendingNumbers,
            UseCaseCoverage coverage) {
        this.database = database;
        this.writes = writes;
        this.providerObjects = providerObjects;
        this.sendingNumbers = sendingNumbers;
        this.coverage = coverage;
    }

    /** Creates or replaces a campaign; the campaign as stored afterwards, and whether it was created. */
    public Uni<Written<Campaign>> put(String tenant, String campaignId, CampaignRequest campaign, Change change) {
        return writes.inTransaction(tenant, connection -> put(connection, campaignId, campaign, change, false))
                .chain(created -> get(tenant, campaignId).map(stored -> new Written<>(stored, created)));
    }

    /** Changes a campaign's status (404 when there is no such campaign, 409 when the tenant may not make it). */
    public Uni<Campaign> changeStatus(String tenant, String campaignId, CampaignStatus status, Change change) {
        return writes.inTransaction(
                        tenant, connection -> changeStatus(connection, tenant, campaignId, status, change, false))
                .chain(() -> get(tenant, campaignId));
    }

    /**
     * Creates or replaces a campaign. Its brand must exist (404); a campaign never moves to another brand (409); a
     * status change must be one the tenant may make unless {@code trusted} (409).
     */
    public Uni<Boolean> put(
            SqlConnection connection, String campaignId, CampaignRequest campaign, Change change, boolean trusted) {
        String tenant = campaign.tenantId();
        return connection
                .preparedQuery("SELECT 1 FROM tendlc_brand WHERE tenant_id = $1 AND brand_id = $2")
                .execute(Tuple.of(tenant, campaign.brandId()))
                .chain(brand -> {
                    if (brand.rowCount() == 0) {
                        throw RegistryRows.notFound(
                                "no brand " + campaign.brandId() + " for this tenant: register it first");
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
                        throw RegistryRows.transitionConflict(
                                "campaign", before.name(), campaign.status().name());
                    }
                    return connection
                            .preparedQuery("INSERT INTO tendlc_campaign (" + COLUMNS + ") VALUES ($1, $2, $3,"
                                    + " $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,"
                                    + " $21, $22, $22, $23, $24) ON CONFLICT (tenant_id, campaign_id) DO UPDATE SET"
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
                                    + " updated_at = EXCLUDED.updated_at, opt_in_keywords = EXCLUDED.opt_in_keywords,"
                                    + " keyword_opt_in_level = EXCLUDED.keyword_opt_in_level")
                            .execute(campaignRow(campaignId, campaign, change.at()))
                            .chain(() -> before == campaign.status()
                                    ? Uni.createFrom().voidItem()
                                    : RegistryRows.history(
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
    public Uni<Void> changeStatus(
            SqlConnection connection,
            String tenant,
            String campaignId,
            CampaignStatus status,
            Change change,
            boolean trusted) {
        return RegistryRows.changeStatus(
                connection,
                "campaign",
                tenant,
                campaignId,
                status,
                change,
                before -> trusted || StatusTransitions.allowed(CampaignStatus.valueOf(before), status));
    }

    /** A campaign with its providers' ids, sending numbers and status history (404 when there is none). */
    public Uni<Campaign> get(String tenant, String campaignId) {
        return database.preparedQuery(WITH_BRAND_STATUS + " WHERE c.tenant_id = $1 AND c.campaign_id = $2")
                .execute(Tuple.of(tenant, campaignId))
                .chain(rows -> {
                    Row row = RegistryRows.only(rows, "campaign " + campaignId);
                    return Uni.combine()
                            .all()
                            .unis(
                                    providerObjects.idsOf(database, tenant, "CAMPAIGN", campaignId),
                                    sendingNumbers.numbersOn(tenant, campaignId),
                                    RegistryRows.statusHistory(database, "campaign", tenant, campaignId))
                            .with((ids, numbers, history) -> campaign(row, ids, numbers, history));
                });
    }

    /** The tenant's campaigns, optionally of one brand and in one status, without numbers and history. */
    public Uni<List<Campaign>> list(String tenant, String brandId, CampaignStatus status) {
        return database.preparedQuery(WITH_BRAND_STATUS + " WHERE c.tenant_id = $1"
                        + " AND ($2::text IS NULL OR c.brand_id = $2) AND ($3::text IS NULL OR c.status = $3)"
                        + " ORDER BY c.campaign_id")
                .execute(Tuple.of(tenant, brandId, status == null ? null : status.name()))
                .map(rows -> {
                    List<Campaign> campaigns = new ArrayList<>();
                    rows.forEach(row -> campaigns.add(campaign(row, null, null, null)));
                    return campaigns;
                });
    }

    /** A campaign as stored, as a request would give it (null when there is none). */
    public Uni<CampaignRequest> stored(SqlClient client, String tenant, String campaignId) {
        return RegistryRows.row(client, "campaign", tenant, campaignId)
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
                                instant(row.getOffsetDateTime("expires_at")),
                                keywordOptIn(row)));
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
                .addOffsetDateTime(utc(at))
                .addArrayOfString(c.keywordOptIn().keywords().toArray(String[]::new))
                .addString(c.keywordOptIn().level());
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
                instant(row.getOffsetDateTime("updated_at")),
                keywordOptIn(row));
    }

    private static KeywordOptIn keywordOptIn(Row row) {
        return new KeywordOptIn(
                List.of(row.getArrayOfStrings("opt_in_keywords")), row.getString("keyword_opt_in_level"));
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
}
