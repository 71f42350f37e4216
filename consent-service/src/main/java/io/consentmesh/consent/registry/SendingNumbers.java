package io.consentmesh.consent.registry;

import static io.consentmesh.runtime.sql.Timestamps.instant;
import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.consent.authorization.rules.CampaignStatus;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.runtime.http.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which campaign each of the tenant's sending numbers is on ({@code tendlc_sender_number}), with the history of its
 * assignments ({@code tendlc_sender_assignment}). What the authorizer reads of them is {@link SenderCampaigns}.
 */
@ApplicationScoped
public class SendingNumbers {

    private final Pool database;
    private final RegistryWrites writes;

    SendingNumbers(Pool database, RegistryWrites writes) {
        this.database = database;
        this.writes = writes;
    }

    /** Puts a number on its campaign now (404, 409 as the transactional form says); whether it moved. */
    public Uni<Boolean> assign(String tenant, String number, String campaignId) {
        return writes.inTransaction(tenant, connection -> assign(connection, tenant, number, campaignId, writes.now()));
    }

    /** Takes a number off its campaign now (404 when it is on none). */
    public Uni<Void> unassign(String tenant, String number) {
        return writes.inTransaction(tenant, connection -> unassign(connection, tenant, number, writes.now()));
    }

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
                        throw RegistryRows.notFound("no campaign " + campaignId + " for this tenant");
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
                        throw RegistryRows.notFound("the number is on no campaign of this tenant");
                    }
                    return release(connection, tenant, number, at);
                });
    }

    /** The tenant's numbers and their campaigns, optionally of one campaign. */
    public Uni<List<Map<String, Object>>> list(String tenant, String campaignId) {
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

    /** The numbers on one campaign, in order. */
    Uni<List<String>> numbersOn(String tenant, String campaignId) {
        return database.preparedQuery("SELECT number FROM tendlc_sender_number"
                        + " WHERE tenant_id = $1 AND campaign_id = $2 ORDER BY number")
                .execute(Tuple.of(tenant, campaignId))
                .map(rows -> {
                    List<String> numbers = new ArrayList<>();
                    rows.forEach(row -> numbers.add(row.getString("number")));
                    return numbers;
                });
    }

    /** Ends the number's open assignment in the history, if it has one. */
    private static Uni<Void> release(SqlConnection connection, String tenant, String number, Instant at) {
        return connection
                .preparedQuery("UPDATE tendlc_sender_assignment SET released_at = $3"
                        + " WHERE tenant_id = $1 AND number = $2 AND released_at IS NULL")
                .execute(Tuple.of(tenant, number, utc(at)))
                .replaceWithVoid();
    }
}
