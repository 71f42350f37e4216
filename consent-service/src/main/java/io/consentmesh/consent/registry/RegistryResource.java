package io.consentmesh.consent.registry;

import io.consentmesh.consent.rules.CampaignStatus;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.contracts.http.ProblemException;
import io.consentmesh.contracts.subject.PhoneNumbers;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The tenant's 10DLC campaigns and sending numbers (G-01). A status change (a suspension, say) takes effect for every
 * authorization from the moment this answers.
 */
@Path("/v1/registry")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RegistryResource {

    /** TCR use case names: upper case, digits and underscores (2FA, ACCOUNT_NOTIFICATION, MIXED, ...). */
    private static final Pattern USE_CASE = Pattern.compile("[A-Z0-9_]{2,40}");

    /** A campaign as the tenant registered it with TCR (through its provider). */
    public record CampaignRequest(
            String tenantId,
            String brandId,
            List<String> useCases,
            CampaignStatus status,
            String helpMessage,
            String optOutMessage,
            Instant expiresAt) {}

    public record StatusRequest(String tenantId, CampaignStatus status) {}

    public record AssignmentRequest(String tenantId, String campaignId) {}

    private final Pool database;
    private final SenderCampaigns senderCampaigns;
    private final Clock clock = Clock.systemUTC();

    RegistryResource(Pool database, SenderCampaigns senderCampaigns) {
        this.database = database;
        this.senderCampaigns = senderCampaigns;
    }

    @PUT
    @Path("/campaigns/{campaignId}")
    @Operation(summary = "Create or replace a 10DLC campaign (use cases, status, help and opt-out messages)")
    public Uni<Response> putCampaign(@PathParam("campaignId") String campaignId, CampaignRequest request) {
        if (request == null) {
            throw ProblemException.invalidRequest("a JSON body is required");
        }
        String tenant = required(request.tenantId(), "tenantId");
        String brand = required(request.brandId(), "brandId");
        if (request.status() == null) {
            throw ProblemException.invalidRequest("status is required");
        }
        if (request.useCases() == null || request.useCases().isEmpty()) {
            throw unprocessable("useCases must name at least one TCR use case");
        }
        for (String useCase : request.useCases()) {
            if (useCase == null || !USE_CASE.matcher(useCase).matches()) {
                throw unprocessable("useCases: '" + useCase + "' is not a TCR use case name");
            }
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        return database.withTransaction(connection -> connection
                        .preparedQuery(
                                "SELECT status FROM campaign WHERE tenant_id = $1 AND campaign_id = $2 FOR UPDATE")
                        .execute(Tuple.of(tenant, campaignId))
                        .chain(previous -> {
                            boolean created = previous.rowCount() == 0;
                            String before =
                                    created ? null : previous.iterator().next().getString("status");
                            Uni<?> upsert = connection
                                    .preparedQuery("INSERT INTO campaign (tenant_id, campaign_id, brand_id, use_cases,"
                                            + " status, help_message, opt_out_message, expires_at, updated_at)"
                                            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                                            + " ON CONFLICT (tenant_id, campaign_id) DO UPDATE SET"
                                            + " brand_id = EXCLUDED.brand_id, use_cases = EXCLUDED.use_cases,"
                                            + " status = EXCLUDED.status, help_message = EXCLUDED.help_message,"
                                            + " opt_out_message = EXCLUDED.opt_out_message,"
                                            + " expires_at = EXCLUDED.expires_at, updated_at = EXCLUDED.updated_at")
                                    .execute(Tuple.tuple()
                                            .addString(tenant)
                                            .addString(campaignId)
                                            .addString(brand)
                                            .addArrayOfString(request.useCases().toArray(String[]::new))
                                            .addString(request.status().name())
                                            .addString(request.helpMessage())
                                            .addString(request.optOutMessage())
                                            .addOffsetDateTime(
                                                    request.expiresAt() == null
                                                            ? null
                                                            : request.expiresAt()
                                                                    .atOffset(ZoneOffset.UTC))
                                            .addOffsetDateTime(now));
                            return upsert.chain(() -> request.status().name().equals(before)
                                            ? Uni.createFrom().voidItem()
                                            : recordStatus(connection, tenant, campaignId, request.status(), now))
                                    .replaceWith(created);
                        }))
                .invoke(senderCampaigns::forgetAll)
                .chain(created -> campaign(tenant, campaignId).map(body -> Response.status(created ? 201 : 200)
                        .entity(body)
                        .build()));
    }

    @PUT
    @Path("/campaigns/{campaignId}/status")
    @Operation(summary = "Change a campaign's status; SUSPENDED or EXPIRED stops authorizing its numbers at once")
    public Uni<Map<String, Object>> putStatus(@PathParam("campaignId") String campaignId, StatusRequest request) {
        if (request == null || request.status() == null) {
            throw ProblemException.invalidRequest("status is required");
        }
        String tenant = required(request.tenantId(), "tenantId");
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        return database.withTransaction(connection -> connection
                        .preparedQuery("UPDATE campaign SET status = $3, updated_at = $4"
                                + " WHERE tenant_id = $1 AND campaign_id = $2")
                        .execute(Tuple.of(tenant, campaignId, request.status().name(), now))
                        .chain(updated -> {
                            if (updated.rowCount() == 0) {
                                throw notFound("no campaign " + campaignId + " for this tenant");
                            }
                            return recordStatus(connection, tenant, campaignId, request.status(), now);
                        }))
                .invoke(senderCampaigns::forgetAll)
                .chain(() -> campaign(tenant, campaignId));
    }

    @GET
    @Path("/campaigns/{campaignId}")
    @Operation(summary = "A campaign, its sending numbers and its status history")
    public Uni<Map<String, Object>> getCampaign(
            @PathParam("campaignId") String campaignId, @QueryParam("tenantId") String tenantId) {
        return campaign(required(tenantId, "tenantId"), campaignId);
    }

    @PUT
    @Path("/sender-numbers/{number}")
    @Operation(summary = "Assign a sending number to a campaign (it leaves any campaign it was on)")
    public Uni<Map<String, Object>> assign(@PathParam("number") String number, AssignmentRequest request) {
        if (request == null) {
            throw ProblemException.invalidRequest("a JSON body is required");
        }
        String tenant = required(request.tenantId(), "tenantId");
        String campaignId = required(request.campaignId(), "campaignId");
        String e164 = e164(number);
        return database.preparedQuery("INSERT INTO sender_number (tenant_id, number, campaign_id, assigned_at)"
                        + " VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, number) DO UPDATE SET"
                        + " campaign_id = EXCLUDED.campaign_id, assigned_at = EXCLUDED.assigned_at")
                .execute(Tuple.of(tenant, e164, campaignId, clock.instant().atOffset(ZoneOffset.UTC)))
                .onFailure(PgException.class)
                .transform(failure -> "23503".equals(((PgException) failure).getSqlState())
                        ? notFound("no campaign " + campaignId + " for this tenant")
                        : failure)
                .invoke(senderCampaigns::forgetAll)
                .replaceWith(Map.of("number", e164, "campaignId", campaignId));
    }

    @DELETE
    @Path("/sender-numbers/{number}")
    @Operation(summary = "Take a sending number off its campaign: it can no longer send (G-01)")
    public Uni<Response> unassign(@PathParam("number") String number, @QueryParam("tenantId") String tenantId) {
        return database.preparedQuery("DELETE FROM sender_number WHERE tenant_id = $1 AND number = $2")
                .execute(Tuple.of(required(tenantId, "tenantId"), e164(number)))
                .invoke(senderCampaigns::forgetAll)
                .map(deleted -> {
                    if (deleted.rowCount() == 0) {
                        throw notFound("the number is on no campaign");
                    }
                    return Response.noContent().build();
                });
    }

    private static Uni<Void> recordStatus(
            SqlConnection connection, String tenant, String campaignId, CampaignStatus status, OffsetDateTime at) {
        return connection
                .preparedQuery("INSERT INTO campaign_status_change (tenant_id, campaign_id, status, changed_at)"
                        + " VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(tenant, campaignId, status.name(), at))
                .replaceWithVoid();
    }

    private Uni<Map<String, Object>> campaign(String tenant, String campaignId) {
        return database.preparedQuery("SELECT c.*, ARRAY(SELECT number FROM sender_number n WHERE n.tenant_id ="
                        + " c.tenant_id AND n.campaign_id = c.campaign_id ORDER BY number) AS numbers,"
                        + " ARRAY(SELECT s.status || ' ' || s.changed_at FROM campaign_status_change s WHERE"
                        + " s.tenant_id = c.tenant_id AND s.campaign_id = c.campaign_id ORDER BY s.changed_at)"
                        + " AS history FROM campaign c WHERE c.tenant_id = $1 AND c.campaign_id = $2")
                .execute(Tuple.of(tenant, campaignId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw notFound("no campaign " + campaignId + " for this tenant");
                    }
                    Row row = rows.iterator().next();
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("tenantId", row.getString("tenant_id"));
                    body.put("campaignId", row.getString("campaign_id"));
                    body.put("brandId", row.getString("brand_id"));
                    body.put("useCases", List.of(row.getArrayOfStrings("use_cases")));
                    body.put("status", row.getString("status"));
                    body.put("helpMessage", row.getString("help_message"));
                    body.put("optOutMessage", row.getString("opt_out_message"));
                    OffsetDateTime expires = row.getOffsetDateTime("expires_at");
                    body.put("expiresAt", expires == null ? null : expires.toInstant());
                    body.put("senderNumbers", List.of(row.getArrayOfStrings("numbers")));
                    body.put("statusHistory", List.of(row.getArrayOfStrings("history")));
                    return body;
                });
    }

    private static String e164(String number) {
        try {
            return PhoneNumbers.toE164(number, "US");
        } catch (PhoneNumbers.InvalidPhoneNumberException e) {
            throw e.in("number");
        }
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidRequest(name + " is required");
        }
        return value;
    }

    private static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", detail));
    }

    private static ProblemException unprocessable(String detail) {
        return new ProblemException(Problem.of(422, "invalid-campaign", "Invalid campaign", detail));
    }
}
