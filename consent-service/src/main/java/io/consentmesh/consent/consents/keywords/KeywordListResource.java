package io.consentmesh.consent.consents.keywords;

import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A tenant's keyword lists (KW-01…KW-04): the built-in keywords per language plus the tenant's own. The tenant's
 * keywords are added to the built-in ones, never instead of them.
 */
@Path("/v1/keyword-lists/{tenantId}")
@Produces(MediaType.APPLICATION_JSON)
public class KeywordListResource {

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    /**
     * @param effective every keyword the tenant's messages are matched against, per language and intent
     * @param tenantKeywords the tenant's own, as last set
     */
    public record KeywordListView(
            String tenantId,
            Map<String, Map<KeywordIntent, List<String>>> effective,
            Map<String, Map<KeywordIntent, List<String>>> tenantKeywords) {}

    /** @param languages the tenant's own keywords per language (ISO 639-1) and intent (OPT_OUT, OPT_IN, HELP) */
    public record TenantKeywords(Map<String, Map<KeywordIntent, List<String>>> languages) {}

    private final KeywordLists lists;

    KeywordListResource(KeywordLists lists) {
        this.lists = lists;
    }

    @GET
    @Operation(summary = "The keywords a tenant's inbound messages are matched against: built-in and the tenant's own")
    @RolesAllowed({Roles.REGISTRY_ADMIN, Roles.PRIVACY_OPS, Roles.AUDITOR})
    public Uni<KeywordListView> get(@PathParam("tenantId") String tenantId) {
        TenantId tenant = tenant(tenantId);
        return lists.additions(tenant).chain(additions -> lists.classifierFor(tenant)
                .map(classifier -> new KeywordListView(tenant.value(), classifier.lists(), additions)));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Replace the tenant's own keywords (400 when one is malformed or already means another intent)")
    @RolesAllowed(Roles.REGISTRY_ADMIN)
    public Uni<KeywordListView> put(@PathParam("tenantId") String tenantId, TenantKeywords body) {
        TenantId tenant = tenant(tenantId);
        if (body == null || body.languages() == null) {
            throw ProblemException.invalidRequest("a body {\"languages\": {...}} is required");
        }
        for (var language : body.languages().entrySet()) {
            if (!LANGUAGE.matcher(language.getKey()).matches()) {
                throw ProblemException.invalidRequest("languages are ISO 639 codes such as en, es, fr");
            }
            if (language.getValue() == null
                    || language.getValue().containsKey(KeywordIntent.NONE)
                    || language.getValue().values().stream().anyMatch(java.util.Objects::isNull)) {
                throw ProblemException.invalidRequest("intents are OPT_OUT, OPT_IN and HELP");
            }
        }
        try {
            return lists.replace(tenant, body.languages()).chain(() -> get(tenantId));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidRequest(e.getMessage());
        }
    }

    private static TenantId tenant(String tenantId) {
        try {
            return new TenantId(tenantId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidRequest("tenantId: " + e.getMessage());
        }
    }
}
