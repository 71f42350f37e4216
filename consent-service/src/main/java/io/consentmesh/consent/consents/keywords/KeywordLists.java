package io.consentmesh.consent.consents.keywords;

import io.consentmesh.contracts.envelope.TenantId;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each tenant's keyword classifier: the built-in lists plus the tenant's own keywords, per language. Held in memory
 * per instance; a change made here is seen at once by this instance and within {@link #TTL} by the others.
 */
@ApplicationScoped
public class KeywordLists {

    static final Duration TTL = Duration.ofSeconds(5);

    private record Cached(KeywordClassifier classifier, long expiresAt) {}

    private final Pool database;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    KeywordLists(Pool database) {
        this.database = database;
    }

    public Uni<KeywordClassifier> classifierFor(TenantId tenant) {
        return classifiersFor(List.of(tenant)).map(classifiers -> classifiers.get(tenant));
    }

    /** The classifiers of a batch's tenants: from memory, the missing ones loaded with one query. */
    public Uni<Map<TenantId, KeywordClassifier>> classifiersFor(Collection<TenantId> tenants) {
        Map<TenantId, KeywordClassifier> classifiers = new HashMap<>();
        List<TenantId> missing = new ArrayList<>();
        long now = System.nanoTime();
        for (TenantId tenant : new LinkedHashSet<>(tenants)) {
            Cached cached = cache.get(tenant.value());
            if (cached != null && cached.expiresAt() > now) {
                classifiers.put(tenant, cached.classifier());
            } else {
                missing.add(tenant);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(classifiers);
        }
        return additionsOf(missing).map(loaded -> {
            for (TenantId tenant : missing) {
                KeywordClassifier classifier = new KeywordClassifier(loaded.getOrDefault(tenant.value(), Map.of()));
                cache.put(tenant.value(), new Cached(classifier, System.nanoTime() + TTL.toNanos()));
                classifiers.put(tenant, classifier);
            }
            return classifiers;
        });
    }

    /** The tenant's own keywords, per language and intent. */
    public Uni<Map<String, Map<KeywordIntent, List<String>>>> additions(TenantId tenant) {
        return additionsOf(List.of(tenant)).map(loaded -> loaded.getOrDefault(tenant.value(), Map.of()));
    }

    /** Per tenant id, the tenant's own keywords per language and intent (tenants without any are absent). */
    private Uni<Map<String, Map<String, Map<KeywordIntent, List<String>>>>> additionsOf(List<TenantId> tenants) {
        return database.preparedQuery("SELECT tenant_id, language, intent, keyword FROM keyword_list"
                        + " WHERE tenant_id = ANY($1) ORDER BY tenant_id, language, intent, keyword")
                .execute(Tuple.of(tenants.stream().map(TenantId::value).toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Map<String, Map<KeywordIntent, List<String>>>> additions = new HashMap<>();
                    for (Row row : rows) {
                        additions
                                .computeIfAbsent(row.getString("tenant_id"), t -> new LinkedHashMap<>())
                                .computeIfAbsent(row.getString("language"), l -> new EnumMap<>(KeywordIntent.class))
                                .computeIfAbsent(KeywordIntent.valueOf(row.getString("intent")), i -> new ArrayList<>())
                                .add(row.getString("keyword"));
                    }
                    return additions;
                });
    }

    /**
     * Replaces the tenant's own keywords.
     *
     * @throws IllegalArgumentException when a keyword is malformed or would mean two things
     */
    public Uni<Void> replace(TenantId tenant, Map<String, Map<KeywordIntent, List<String>>> additions) {
        new KeywordClassifier(additions); // validates: throws before anything is written
        return database.withTransaction(connection -> connection
                        .preparedQuery("DELETE FROM keyword_list WHERE tenant_id = $1")
                        .execute(Tuple.of(tenant.value()))
                        .chain(() -> insertAll(connection, tenant, additions)))
                .invoke(() -> cache.remove(tenant.value()));
    }

    private static Uni<Void> insertAll(
            SqlConnection connection, TenantId tenant, Map<String, Map<KeywordIntent, List<String>>> additions) {
        List<Tuple> rows = new ArrayList<>();
        for (var language : additions.entrySet()) {
            for (var intent : language.getValue().entrySet()) {
                for (String keyword : intent.getValue()) {
                    rows.add(Tuple.of(
                            tenant.value(),
                            language.getKey(),
                            intent.getKey().name(),
                            KeywordClassifier.normalise(keyword)));
                }
            }
        }
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection
                .preparedQuery("INSERT INTO keyword_list (tenant_id, language, intent, keyword)"
                        + " VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
                .executeBatch(rows)
                .replaceWithVoid();
    }
}
