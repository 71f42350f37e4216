package io.consentmesh.consent.registry.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentmesh.consent.registry.ProviderNames;
import io.consentmesh.consent.registry.RegistryResource;
import io.consentmesh.consent.registry.imports.ProviderImporter.Result;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Import of providers' 10DLC status objects: what Twilio's and Telnyx's APIs (or their status webhooks) say about the
 * tenant's brands and campaigns. The body is the provider's object as its API returns it, an array of them, or the
 * provider's list page (Twilio's {@code meta} and the array named after the resource, Telnyx's {@code records}).
 */
@Path("/v1/registry/imports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ImportResource {

    private final ProviderImporter importer;

    ImportResource(ProviderImporter importer) {
        this.importer = importer;
    }

    @POST
    @Path("/{provider}/{kind}")
    @Operation(
            summary = "Import a provider's brand or campaign objects (twilio: BrandRegistration, UsAppToPerson;"
                    + " telnyx: Brand, Campaign); idempotent, an older object changes nothing; 404 for an unknown"
                    + " provider or kind, 409 for a campaign whose brand is unknown, 422 for an object that cannot"
                    + " be mapped")
    @RolesAllowed(Roles.REGISTRY_ADMIN)
    public Uni<Map<String, List<Result>>> importObjects(
            @PathParam("provider") String provider,
            @PathParam("kind") String kind,
            @QueryParam("tenantId") String tenantId,
            JsonNode body) {
        if (!ProviderImporter.knows(provider) || !List.of("brands", "campaigns").contains(kind)) {
            throw new ProblemException(Problem.of(
                    404,
                    "not-found",
                    "Not found",
                    "imports exist for providers " + ProviderNames.KNOWN + " and kinds [brands, campaigns]"));
        }
        String tenant = RegistryResource.tenant(tenantId);
        List<JsonNode> objects = objects(body);
        Uni<List<Result>> results = kind.equals("brands")
                ? importer.importBrands(tenant, provider, objects)
                : importer.importCampaigns(tenant, provider, objects);
        return results.map(list -> Map.of("results", list));
    }

    /** A Twilio list page ({@code meta} and one array named after the resource), or null when it is not one. */
    private static JsonNode twilioPage(JsonNode body) {
        if (!body.path("meta").isObject()) {
            return null;
        }
        for (JsonNode field : body) {
            if (field.isArray()) {
                return field;
            }
        }
        return null;
    }

    private static List<JsonNode> objects(JsonNode body) {
        if (body == null || body.isNull()) {
            throw ProblemException.invalidRequest("a JSON body is required");
        }
        JsonNode list = body.isArray() ? body : body.has("records") ? body.get("records") : twilioPage(body);
        List<JsonNode> objects = new ArrayList<>();
        if (list == null) {
            objects.add(body);
        } else if (list.isArray()) {
            list.forEach(objects::add);
        } else {
            throw ProblemException.invalidRequest("the list page's records must be an array of objects");
        }
        if (objects.isEmpty()) {
            throw ProblemException.invalidRequest("no objects to import");
        }
        for (JsonNode object : objects) {
            if (!object.isObject()) {
                throw ProblemException.invalidRequest("each imported item must be a JSON object");
            }
        }
        return objects;
    }
}
