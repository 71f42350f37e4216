package io.consentmesh.consent.registry;

import io.consentmesh.consent.authorization.rules.CampaignStatus;
import io.consentmesh.consent.registry.RegistryWrites.Change;
import io.consentmesh.consent.registry.RegistryWrites.Written;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.contracts.subject.PhoneNumbers;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The tenant's 10DLC brands, campaigns and sending numbers (TCR-01…TCR-03, G-01). A change (a suspension, say) takes
 * effect for every authorization, in every instance, from the moment this answers.
 */
@Path("/v1/registry")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RegistryResource {

    /** Brand and campaign ids: TCR's (B… / C… and 6 characters) or the tenant's own, within reason. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    public record StatusRequest(String tenantId, String status, String reason) {}

    public record AssignmentRequest(String tenantId, String campaignId) {}

    private final RegistryWrites writes;
    private final Brands brands;
    private final Campaigns campaigns;
    private final SendingNumbers sendingNumbers;
    private final SenderCampaigns senderCampaigns;

    RegistryResource(
            RegistryWrites writes,
            Brands brands,
            Campaigns campaigns,
            SendingNumbers sendingNumbers,
            SenderCampaigns senderCampaigns) {
        this.writes = writes;
        this.brands = brands;
        this.campaigns = campaigns;
        this.sendingNumbers = sendingNumbers;
        this.senderCampaigns = senderCampaigns;
    }

    // --- brands -------------------------------------------------------------------------------------------------

    @PUT
    @Path("/brands/{brandId}")
    @Operation(summary = "Create (201) or replace (200) a 10DLC brand: legal name, provider ids, status (TCR-01)")
    @RolesAllowed(Roles.REGISTRY_ADMIN)
    public Uni<Response> putBrand(@PathParam("brandId") String brandId, BrandRequest request) {
        if (request == null) {
            throw ProblemException.invalidRequest("a JSON body is required");
        }
        String tenant = tenant(request.tenantId());
        id(brandId, "brandId");
        required(request.legalName(), "legalName");
        if (request.status() == null) {
            throw ProblemException.invalidRequest("status is required");
        }
        if (request.providerIds() != null) {
            request.providerIds().forEach((provider, providerId) -> {
                if (!ProviderNames.KNOWN.contains(provider) || providerId == null || providerId.isBlank()) {
                    throw unprocessable(
                            "invalid-brand",
                            "providerIds: known providers are " + ProviderNames.KNOWN + ", each id" + " given");
                }
            });
        }
        Change change = new Change("API", null, writes.now());
        return brands.put(tenant, brandId, request, change)
                .map(written -> createdOrReplaced(written, "/v1/registry/brands/" + brandId));
    }

    @GET
    @Path("/brands")
    @Operation(summary = "The tenant's brands")
    @RolesAllowed({Roles.REGISTRY_ADMIN, Roles.AUDITOR})
    public Uni<List<Brand>> listBrands(@QueryParam("tenantId") String tenantId) {
        return brands.list(tenant(tenantId));
    }

    @GET
    @Path("/brands/{brandId}")
    @Operation(summary = "A brand with its provider ids and status history")
    @RolesAllowed({Roles.REGISTRY_ADMIN, Roles.AUDITOR})
    public Uni<Brand> getBrand(@PathParam("brandId") String brandId, @QueryParam("tenantId") String tenantId) {
        return brands.get(tenant(tenantId), brandId);
    }

    @PUT
    @Path("/brands/{brandId}/status")
    @Operation(
            summary = "Change a brand's status; a SUSPENDED brand suspends all its campaigns at once (CAR-02); 409 for"
                    + " a change the tenant may not make")
    @RolesAllowed(Roles.REGISTRY_ADMIN)
    public Uni<Brand> putBrandStatus(@PathParam("brandId") String brandId, StatusRequest request) {
        String tenant = statusTenant(request);
        BrandStatus status = parse(BrandStatus.class, request.status());
        Change change = new Change("API", request.reason(), writes.now());
        return brands.changeStatus(tenant, brandId, status, change);
    }

    // --- campaigns ----------------------------------------------------------------------------------------------

    @PUT
    @Path("/campaigns/{campaignId}")
    @Operation(
            summary = "Create (201) or replace (200) a 10DLC campaign: brand, use case and sub-use-cases, status,"
                    + " opt-in/opt-out/help messages, samples, flags, expiry (TCR-02, TCR-03)")
    @RolesAllowed(Roles.REGISTRY_ADMIN)
    public Uni<Response> putCampaign(@PathParam("campaignId") String campaignId, CampaignRequest request) {
        if (request == null) {
            throw ProblemException.invalidRequest("a JSON body is required");
        }
        String tenant = tenant(request.tenantId());
        id(campaignId, "campaignId");
        required(request.brandId(), "brandId");
        if (request.status() == null) {
            throw ProblemException.invalidRequest("status is required");
        }
        List<String> problems = request.problems();
        if (!problems.isEmpty()) {
            throw new ProblemException(new Problem(
                    URI.create("https://consentmesh.io/problems/invalid-campaign"),
                    "Invalid campaign",
                    422,
                    problems.get(0),
                    problems));
        }
        Change change = new Change("API", null, writes.now());
        return campaigns
                .put(tenant, campaignId, request, change)
                .map(written -> createdOrReplaced(written, "/v1/registry/campaigns/" + campaignId));
    }

    @GET
    @Path("/campaigns")
    @Operation(summary = "The tenant's campaigns, optionally of one brand or in one status")
    @RolesAllowed({Roles.REGISTRY_ADMIN, Roles.AUDITOR})
    public Uni<List<Campaign>> listCampaigns(
            @QueryParam("tenantId") String tenantId,
            @QueryParam("brandId") String brandId,
            @QueryParam("status") String status) {
        return campaigns.list(tenant(tenantId), brandId, status == null ? null : parse(CampaignStatus.class, status));
    }

    @GET
    @Path("/campaigns/{campaignId}")
    @Operation(
            summary = "A campaign with its effective status, the content classes it covers (G-01), its sending"
                    + " numbers and status history")
    @RolesAllowed({Roles.REGISTRY_ADMIN, Roles.AUDITOR})
    public Uni<Campaign> getCampaign(
            @PathParam("campaignId") String campaignId, @QueryParam("tenantId") String tenantId) {
        return campaigns.get(tenant(tenantId), campaignId);
    }

    @PUT
    @Path("/campaigns/{campaignId}/status")
    @Operation(
            summary = "Change a campaign's status; SUSPENDED or EXPIRED stops authorizing its numbers at once; 409 for"
                    + " a change the tenant may not make (an EXPIRED campaign stays expired)")
    @RolesAllowed(Roles.REGISTRY_ADMIN)
    public Uni<Campaign> putCampaignStatus(@PathParam("campaignId") String campaignId, StatusRequest request) {
        String tenant = statusTenant(request);
        CampaignStatus status = parse(CampaignStatus.class, request.status());
        Change change = new Change("API", request.reason(), writes.now());
        return campaigns.changeStatus(tenant, campaignId, status, change);
    }

    // --- sending numbers ----------------------------------------------------------------------------------------

    @PUT
    @Path("/sender-numbers/{number}")
    @Operation(
            summary = "Assign a sending number to a campaign (it leaves any campaign it was on); 404 for an unknown"
                    + " campaign, 409 for an expired or rejected one")
    @RolesAllowed(Roles.REGISTRY_ADMIN)
    public Uni<Map<String, Object>> assign(@PathParam("number") String number, AssignmentRequest request) {
        if (request == null) {
            throw ProblemException.invalidRequest("a JSON body is required");
        }
        String tenant = tenant(request.tenantId());
        String campaignId = required(request.campaignId(), "campaignId");
        String e164 = e164(number);
        return sendingNumbers.assign(tenant, e164, campaignId).map(moved -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("number", e164);
            body.put("campaignId", campaignId);
            body.put("moved", moved);
            return body;
        });
    }

    @GET
    @Path("/sender-numbers")
    @Operation(summary = "The tenant's sending numbers and their campaigns, optionally of one campaign")
    @RolesAllowed({Roles.REGISTRY_ADMIN, Roles.AUDITOR})
    public Uni<List<Map<String, Object>>> listSenders(
            @QueryParam("tenantId") String tenantId, @QueryParam("campaignId") String campaignId) {
        return sendingNumbers.list(tenant(tenantId), campaignId);
    }

    @GET
    @Path("/sender-numbers/{number}")
    @Operation(
            summary = "What the authorizer knows of a sending number: its campaign, brand, status now and use cases"
                    + " (the cached lookup)")
    @RolesAllowed({Roles.REGISTRY_ADMIN, Roles.AUDITOR})
    public Uni<Map<String, Object>> getSender(
            @PathParam("number") String number, @QueryParam("tenantId") String tenantId) {
        String tenant = tenant(tenantId);
        return senderCampaigns.senderOf(new TenantId(tenant), e164(number)).map(found -> {
            RegisteredSender sender =
                    found.orElseThrow(() -> RegistryRows.notFound("the number is on no campaign of this tenant"));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("number", sender.number());
            body.put("campaignId", sender.campaignId());
            body.put("brandId", sender.brandId());
            body.put("status", sender.status());
            body.put("brandStatus", sender.brandStatus());
            body.put("effectiveStatus", sender.statusAt(writes.now()));
            body.put("useCases", sender.useCases());
            body.put("expiresAt", sender.expiresAt());
            return body;
        });
    }

    @DELETE
    @Path("/sender-numbers/{number}")
    @Operation(summary = "Take a sending number off its campaign: it can no longer send (G-01)")
    @RolesAllowed(Roles.REGISTRY_ADMIN)
    public Uni<Response> unassign(@PathParam("number") String number, @QueryParam("tenantId") String tenantId) {
        String tenant = tenant(tenantId);
        String e164 = e164(number);
        return sendingNumbers
                .unassign(tenant, e164)
                .replaceWith(Response.noContent().build());
    }

    // --- input --------------------------------------------------------------------------------------------------

    private static Response createdOrReplaced(Written<?> written, String location) {
        return written.created()
                ? Response.created(URI.create(location)).entity(written.value()).build()
                : Response.ok(written.value()).build();
    }

    private static String statusTenant(StatusRequest request) {
        if (request == null || request.status() == null) {
            throw ProblemException.invalidRequest("status is required");
        }
        return tenant(request.tenantId());
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw unprocessable("invalid-status", "status: one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static String e164(String number) {
        try {
            return PhoneNumbers.toE164(number, "US");
        } catch (PhoneNumbers.InvalidPhoneNumberException e) {
            throw e.in("number");
        }
    }

    private static void id(String value, String name) {
        if (!ID.matcher(value).matches()) {
            throw ProblemException.invalidRequest(name + ": 1-64 letters, digits, '_', '.', ':' or '-'");
        }
    }

    /** The tenant id, a lower-case slug (400 otherwise). */
    public static String tenant(String value) {
        required(value, "tenantId");
        try {
            return new TenantId(value).value();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidRequest("tenantId: a lower-case slug of 1-63 letters, digits and '-'");
        }
    }

    static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidRequest(name + " is required");
        }
        return value;
    }

    static ProblemException unprocessable(String slug, String detail) {
        return new ProblemException(Problem.of(422, slug, "Unprocessable registry entry", detail));
    }
}
