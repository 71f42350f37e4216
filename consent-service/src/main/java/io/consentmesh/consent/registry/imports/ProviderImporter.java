package io.consentmesh.consent.registry.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.consentmesh.consent.registry.BrandRequest;
import io.consentmesh.consent.registry.Brands;
import io.consentmesh.consent.registry.CampaignRequest;
import io.consentmesh.consent.registry.Campaigns;
import io.consentmesh.consent.registry.KeywordOptIn;
import io.consentmesh.consent.registry.ProviderNames;
import io.consentmesh.consent.registry.ProviderObjects;
import io.consentmesh.consent.registry.RegistryWrites;
import io.consentmesh.consent.registry.RegistryWrites.Change;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.runtime.http.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Applies providers' brand and campaign objects to the registry. The provider is the registry's word, so its status
 * is applied whatever the current one. Idempotent: each object is remembered by (provider, kind, provider id) with its
 * content hash and update time, so the same object imported twice has one effect, an object older than the one
 * imported before changes nothing, and a newer one replaces it (with a status-history entry when the status changed).
 */
@ApplicationScoped
public class ProviderImporter {

    /** What an import did with one object. */
    public enum Outcome {
        CREATED,
        UPDATED,
        UNCHANGED,
        STALE
    }

    /** One object's result: the registry id it maps to and the status it has there. */
    public record Result(String provider, String kind, String providerId, String id, Outcome outcome, String status) {}

    private static final Map<String, ProviderShape> SHAPES =
            Map.of(ProviderNames.TWILIO, new TwilioShape(), ProviderNames.TELNYX, new TelnyxShape());
    private static final ObjectMapper CANONICAL =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final RegistryWrites writes;
    private final Brands brands;
    private final Campaigns campaigns;
    private final ProviderObjects providerObjects;

    ProviderImporter(RegistryWrites writes, Brands brands, Campaigns campaigns, ProviderObjects providerObjects) {
        this.writes = writes;
        this.brands = brands;
        this.campaigns = campaigns;
        this.providerObjects = providerObjects;
    }

    public static boolean knows(String provider) {
        return SHAPES.containsKey(provider);
    }

    /** Maps every object first (422 listing each that cannot be), then applies them all in one transaction. */
    public Uni<List<Result>> importBrands(String tenant, String provider, List<JsonNode> objects) {
        ProviderShape shape = SHAPES.get(provider);
        List<ImportedBrand> imported = mapAll(objects, shape::brand);
        Instant now = writes.now();
        return writes.inTransaction(
                tenant,
                connection -> sequentially(
                        imported.size(),
                        i -> applyBrand(connection, tenant, provider, imported.get(i), hash(objects.get(i)), now)));
    }

    /** As {@link #importBrands}; a campaign's brand must be known (imported, or registered with its provider id). */
    public Uni<List<Result>> importCampaigns(String tenant, String provider, List<JsonNode> objects) {
        ProviderShape shape = SHAPES.get(provider);
        List<ImportedCampaign> imported = mapAll(objects, shape::campaign);
        Instant now = writes.now();
        return writes.inTransaction(
                tenant,
                connection -> sequentially(
                        imported.size(),
                        i -> applyCampaign(connection, tenant, provider, imported.get(i), hash(objects.get(i)), now)));
    }

    private Uni<Result> applyBrand(
            SqlConnection connection, String tenant, String provider, ImportedBrand brand, String hash, Instant now) {
        return providerObjects
                .find(connection, tenant, provider, "BRAND", brand.providerId())
                .chain(known -> {
                    Outcome skip = skip(known, hash, brand.updatedAt());
                    if (skip != null) {
                        return currentStatus(connection, "tendlc_brand", "brand_id", tenant, known)
                                .map(status -> new Result(
                                        provider, "BRAND", brand.providerId(), localId(known), skip, status));
                    }
                    return localIdFor(connection, tenant, "BRAND", known, brand.tcrBrandId(), brand.providerId())
                            .chain(brandId -> brands.stored(connection, tenant, brandId)
                                    .chain(existing -> {
                                        BrandRequest request = new BrandRequest(
                                                tenant,
                                                or(brand.legalName(), existing == null ? null : existing.legalName()),
                                                or(
                                                        brand.displayName(),
                                                        existing == null ? null : existing.displayName()),
                                                or(brand.entityType(), existing == null ? null : existing.entityType()),
                                                brand.status(),
                                                Map.of());
                                        Change change = new Change(source(provider), brand.providerStatus(), now);
                                        return brands.put(connection, brandId, request, change, true);
                                    })
                                    .call(() -> providerObjects.record(
                                            connection,
                                            tenant,
                                            provider,
                                            "BRAND",
                                            brand.providerId(),
                                            brandId,
                                            brand.providerStatus(),
                                            brand.updatedAt(),
                                            hash,
                                            now))
                                    .map(created -> new Result(
                                            provider,
                                            "BRAND",
                                            brand.providerId(),
                                            brandId,
                                            created ? Outcome.CREATED : Outcome.UPDATED,
                                            brand.status().name())));
                });
    }

    private Uni<Result> applyCampaign(
            SqlConnection connection,
            String tenant,
            String provider,
            ImportedCampaign imported,
            String hash,
            Instant now) {
        return providerObjects
                .find(connection, tenant, provider, "CAMPAIGN", imported.providerId())
                .chain(known -> {
                    Outcome skip = skip(known, hash, imported.updatedAt());
                    if (skip != null) {
                        return currentStatus(connection, "tendlc_campaign", "campaign_id", tenant, known)
                                .map(status -> new Result(
                                        provider, "CAMPAIGN", imported.providerId(), localId(known), skip, status));
                    }
                    return brandOf(connection, tenant, provider, imported).chain(brandId -> {
                        Uni<String> id = localIdFor(
                                connection, tenant, "CAMPAIGN", known, imported.tcrCampaignId(), imported.providerId());
                        return id.chain(campaignId -> campaigns
                                .stored(connection, tenant, campaignId)
                                .chain(existing -> campaigns.put(
                                        connection,
                                        campaignId,
                                        merged(tenant, brandId, imported.campaign(), existing),
                                        new Change(source(provider), imported.providerStatus(), now),
                                        true))
                                .call(() -> providerObjects.record(
                                        connection,
                                        tenant,
                                        provider,
                                        "CAMPAIGN",
                                        imported.providerId(),
                                        campaignId,
                                        imported.providerStatus(),
                                        imported.updatedAt(),
                                        hash,
                                        now))
                                .map(created -> new Result(
                                        provider,
                                        "CAMPAIGN",
                                        imported.providerId(),
                                        campaignId,
                                        created ? Outcome.CREATED : Outcome.UPDATED,
                                        imported.campaign().status().name())));
                    });
                });
    }

    /**
     * The registry id for a provider's object: the one it was imported as before; else the entry that has TCR's id (as
     * its own id or as a provider's id for it); else TCR's id; else, before TCR assigned one, the provider's own id.
     */
    private Uni<String> localIdFor(
            SqlConnection connection,
            String tenant,
            String kind,
            Map<String, Object> known,
            String tcrId,
            String providerId) {
        if (known != null) {
            return Uni.createFrom().item(localId(known));
        }
        if (tcrId == null) {
            return Uni.createFrom().item(providerId);
        }
        return providerObjects.localIdOf(connection, tenant, kind, tcrId).map(found -> found != null ? found : tcrId);
    }

    /** The campaign's brand in the registry, through the provider's brand id or TCR's; 409 when it is unknown. */
    private Uni<String> brandOf(SqlConnection connection, String tenant, String provider, ImportedCampaign imported) {
        return providerObjects
                .find(connection, tenant, provider, "BRAND", imported.providerBrandId())
                .chain(known -> known != null
                        ? Uni.createFrom().item(localId(known))
                        : imported.tcrBrandId() == null
                                ? Uni.createFrom().nullItem()
                                : providerObjects.localIdOf(connection, tenant, "BRAND", imported.tcrBrandId()))
                .map(brandId -> {
                    if (brandId == null) {
                        throw new ProblemException(Problem.of(
                                409,
                                "unknown-brand",
                                "The campaign's brand is not in the registry",
                                "campaign " + imported.providerId() + ": import its brand " + imported.providerBrandId()
                                        + " first, or register the brand with providerIds." + provider));
                    }
                    return brandId;
                });
    }

    /**
     * The same content again: UNCHANGED; older than what was imported: STALE; otherwise null (apply it). An object
     * without an update time is ordered by arrival.
     */
    private static Outcome skip(Map<String, Object> known, String hash, Instant updatedAt) {
        if (known == null || known.get("contentSha256") == null) {
            return null;
        }
        if (hash.equals(known.get("contentSha256"))) {
            return Outcome.UNCHANGED;
        }
        Instant before = (Instant) known.get("providerUpdatedAt");
        if (before != null && updatedAt != null && updatedAt.isBefore(before)) {
            return Outcome.STALE;
        }
        return null;
    }

    /** The provider's fields where it gave them, the registry's where its shape does not carry them. */
    private static CampaignRequest merged(
            String tenant, String brandId, CampaignRequest imported, CampaignRequest existing) {
        if (existing == null) {
            return new CampaignRequest(
                    tenant,
                    brandId,
                    imported.useCase(),
                    imported.subUseCases(),
                    imported.status(),
                    imported.description(),
                    imported.messageFlow(),
                    imported.optInMessage(),
                    imported.optOutMessage(),
                    imported.helpMessage(),
                    imported.messageSamples(),
                    imported.flags(),
                    imported.expiresAt(),
                    imported.keywordOptIn());
        }
        return new CampaignRequest(
                tenant,
                brandId,
                imported.useCase(),
                imported.subUseCases().isEmpty() && imported.useCase().equals(existing.useCase())
                        ? existing.subUseCases()
                        : imported.subUseCases(),
                imported.status(),
                or(imported.description(), existing.description()),
                or(imported.messageFlow(), existing.messageFlow()),
                or(imported.optInMessage(), existing.optInMessage()),
                or(imported.optOutMessage(), existing.optOutMessage()),
                or(imported.helpMessage(), existing.helpMessage()),
                imported.messageSamples().isEmpty() ? existing.messageSamples() : imported.messageSamples(),
                imported.flags().over(existing.flags()),
                imported.expiresAt() != null ? imported.expiresAt() : existing.expiresAt(),
                keywordOptIn(imported.keywordOptIn(), existing.keywordOptIn()));
    }

    /** The provider's keywords where it gave some; the consent they give is the registry's (TCR does not say). */
    private static KeywordOptIn keywordOptIn(KeywordOptIn imported, KeywordOptIn existing) {
        if (!imported.declared()) {
            return existing;
        }
        return new KeywordOptIn(imported.keywords(), existing.declared() ? existing.level() : null);
    }

    private static Uni<String> currentStatus(
            SqlConnection connection, String table, String column, String tenant, Map<String, Object> known) {
        return connection
                .preparedQuery("SELECT status FROM " + table + " WHERE tenant_id = $1 AND " + column + " = $2")
                .execute(Tuple.of(tenant, localId(known)))
                .map(rows ->
                        rows.rowCount() == 0 ? null : rows.iterator().next().getString("status"));
    }

    private static <T> List<T> mapAll(List<JsonNode> objects, Function<JsonNode, T> mapper) {
        List<T> mapped = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            try {
                mapped.add(mapper.apply(objects.get(i)));
            } catch (InvalidProviderObjectException e) {
                problems.add("[" + i + "] " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(new Problem(
                    URI.create("https://consentmesh.io/problems/invalid-provider-object"),
                    "Invalid provider object",
                    422,
                    problems.get(0),
                    problems));
        }
        return mapped;
    }

    private static Uni<List<Result>> sequentially(int count, IntFunction<Uni<Result>> each) {
        Uni<List<Result>> all = Uni.createFrom().item(new ArrayList<>());
        for (int i = 0; i < count; i++) {
            int index = i;
            all = all.chain(results -> each.apply(index).map(result -> {
                results.add(result);
                return results;
            }));
        }
        return all;
    }

    private static String hash(JsonNode object) {
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(CANONICAL.convertValue(object, Object.class));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String source(String provider) {
        return "IMPORT:" + provider.toUpperCase(Locale.ROOT);
    }

    private static String localId(Map<String, Object> known) {
        return (String) known.get("localId");
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
