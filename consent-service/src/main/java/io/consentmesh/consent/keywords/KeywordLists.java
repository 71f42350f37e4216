package io.consentmesh.consent.keywords;

import io.consentmesh.contracts.envelope.TenantId;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Each tenant's keyword classifier: the built-in lists plus the tenant's own keywords, per language. Held in memory
 * per instance; a change made here is seen at once by this instance and within {@link #TTL} by the others.
 */
@ApplicationScoped
public class KeywordLists {

    static final Duration TTL = Duration.ofSeconds(5);

    private record Cached(KeywordClassifier classifier, long expiresAt) {}

    private final Mutiny.SessionFactory sessions;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    KeywordLists(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    public Uni<KeywordClassifier> classifierFor(TenantId tenant) {
        Cached cached = cache.get(tenant.value());
        if (cached != null && cached.expiresAt() > System.nanoTime()) {
            return Uni.createFrom().item(cached.classifier());
        }
        return sessions.withSession(session -> additions(session, tenant)).map(additions -> {
            KeywordClassifier classifier = new KeywordClassifier(additions);
            cache.put(tenant.value(), new Cached(classifier, System.nanoTime() + TTL.toNanos()));
            return classifier;
        });
    }

    /** The tenant's own keywords, per language and intent. */
    public Uni<Map<String, Map<KeywordIntent, List<String>>>> additions(TenantId tenant) {
        return sessions.withSession(session -> additions(session, tenant));
    }

    /**
     * Replaces the tenant's own keywords.
     *
     * @throws IllegalArgumentException when a keyword is malformed or would mean two things
     */
    public Uni<Void> replace(TenantId tenant, Map<String, Map<KeywordIntent, List<String>>> additions) {
        new KeywordClassifier(additions); // validates: throws before anything is written
        return sessions.withTransaction(
                        session -> session.createNativeQuery("DELETE FROM keyword_list WHERE tenant_id = :tenant")
                                .setParameter("tenant", tenant.value())
                                .executeUpdate()
                                .chain(() -> insertAll(session, tenant, additions)))
                .invoke(() -> cache.remove(tenant.value()));
    }

    private static Uni<Void> insertAll(
            Mutiny.Session session, TenantId tenant, Map<String, Map<KeywordIntent, List<String>>> additions) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (var language : additions.entrySet()) {
            for (var intent : language.getValue().entrySet()) {
                for (String keyword : intent.getValue()) {
                    all = all.chain(() -> session.createNativeQuery(
                                    "INSERT INTO keyword_list (tenant_id, language, intent, keyword)"
                                            + " VALUES (:tenant, :language, :intent, :keyword) ON CONFLICT DO NOTHING")
                            .setParameter("tenant", tenant.value())
                            .setParameter("language", language.getKey())
                            .setParameter("intent", intent.getKey().name())
                            .setParameter("keyword", KeywordClassifier.normalise(keyword))
                            .executeUpdate()
                            .replaceWithVoid());
                }
            }
        }
        return all;
    }

    private static Uni<Map<String, Map<KeywordIntent, List<String>>>> additions(
            Mutiny.Session session, TenantId tenant) {
        return session.createNativeQuery(
                        "SELECT language, intent, keyword FROM keyword_list WHERE tenant_id = :tenant"
                                + " ORDER BY language, intent, keyword",
                        Object[].class)
                .setParameter("tenant", tenant.value())
                .getResultList()
                .map(rows -> {
                    Map<String, Map<KeywordIntent, List<String>>> additions = new LinkedHashMap<>();
                    for (Object[] row : rows) {
                        additions
                                .computeIfAbsent((String) row[0], l -> new EnumMap<>(KeywordIntent.class))
                                .computeIfAbsent(KeywordIntent.valueOf((String) row[1]), i -> new ArrayList<>())
                                .add((String) row[2]);
                    }
                    return additions;
                });
    }
}
