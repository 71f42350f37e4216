package io.consentmesh.consent.authorization.rules;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * The stored rule-set versions, held in memory so that a decision never waits for the database: the bundled
 * versions are inserted at start when absent, every version is loaded and compiled once, and the table is re-read
 * every {@link RulesConfig#refreshInterval()} to pick up versions added through another instance.
 */
@ApplicationScoped
public class RuleSetRepository {

    private static final Logger LOG = Logger.getLogger(RuleSetRepository.class);
    private static final String INSERT = "INSERT INTO rule_sets (version, effective_from, body) "
            + "VALUES ($1, $2, CAST($3 AS text)::jsonb) ON CONFLICT DO NOTHING RETURNING created_at";

    private final Pool database;
    private final RulesConfig config;
    private final Vertx vertx;
    private volatile Catalog catalog = new Catalog(new TreeMap<>(), Map.of(), List.of());
    private long timer = -1;

    RuleSetRepository(Pool database, RulesConfig config, Vertx vertx) {
        this.database = database;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent started) {
        database.preparedQuery(INSERT)
                .executeBatch(RuleSetParser.bundledHistory().stream()
                        .map(RuleSetRepository::row)
                        .toList())
                .chain(this::reload)
                .await()
                .atMost(Duration.ofSeconds(30));
        LOG.infof("rule sets loaded: %s", catalog.summaries());
        timer = vertx.setPeriodic(config.refreshInterval().toMillis(), id -> reload().subscribe()
                .with(loaded -> {}, failure -> LOG.warn("rule-set refresh failed; the next run retries", failure)));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** The version in effect at {@code instant}: the one with the latest effective instant not after it. */
    public Optional<RuleSet> ruleSetInEffectAt(Instant instant) {
        Entry<Instant, RuleSet> entry = catalog.byEffectiveFrom().floorEntry(instant);
        return entry == null ? Optional.empty() : Optional.of(entry.getValue());
    }

    public Optional<RuleSet> byVersion(String version) {
        return Optional.ofNullable(catalog.byVersion().get(version));
    }

    /** Every stored version, oldest effective first. */
    public List<RuleSetSummary> list() {
        return catalog.summaries();
    }

    /**
     * Stores a new version; fails with {@link RuleSetConflictException} when its version or effective instant is
     * taken. The in-memory catalog includes it when the returned Uni completes.
     */
    public Uni<RuleSetSummary> add(RuleSet ruleSet) {
        return database.preparedQuery(INSERT).execute(row(ruleSet)).chain(rows -> {
            if (rows.rowCount() == 0) {
                return conflict(ruleSet);
            }
            return reload().map(loaded -> byVersionSummary(ruleSet.version()));
        });
    }

    private Uni<RuleSetSummary> conflict(RuleSet ruleSet) {
        return database.preparedQuery("SELECT count(*) FROM rule_sets WHERE version = $1")
                .execute(Tuple.of(ruleSet.version()))
                .map(rows -> {
                    boolean versionTaken = rows.iterator().next().getLong(0) > 0;
                    throw new RuleSetConflictException(
                            versionTaken
                                    ? "a rule set with this version is already stored; versions never change"
                                    : "another rule set already takes effect at this effectiveFrom");
                });
    }

    private RuleSetSummary byVersionSummary(String version) {
        return catalog.summaries().stream()
                .filter(summary -> summary.version().equals(version))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("rule set " + version + " stored but not loaded"));
    }

    /** Re-reads the table; versions already compiled are kept as they are (stored versions never change). */
    Uni<Void> reload() {
        return database.query("SELECT version, effective_from, body::text AS body, created_at FROM rule_sets")
                .execute()
                .invoke(rows -> {
                    Catalog previous = catalog;
                    NavigableMap<Instant, RuleSet> byEffectiveFrom = new TreeMap<>();
                    Map<String, RuleSet> byVersion = new HashMap<>();
                    List<RuleSetSummary> summaries = new ArrayList<>();
                    for (Row row : rows) {
                        String version = row.getString("version");
                        RuleSet ruleSet = previous.byVersion().get(version);
                        if (ruleSet == null) {
                            ruleSet = compile(version, row.getString("body"));
                        }
                        if (ruleSet != null) {
                            byEffectiveFrom.put(ruleSet.effectiveFrom(), ruleSet);
                            byVersion.put(version, ruleSet);
                            summaries.add(new RuleSetSummary(
                                    version,
                                    ruleSet.effectiveFrom(),
                                    row.getOffsetDateTime("created_at").toInstant()));
                        }
                    }
                    summaries.sort((a, b) -> a.effectiveFrom().compareTo(b.effectiveFrom()));
                    catalog = new Catalog(byEffectiveFrom, Map.copyOf(byVersion), List.copyOf(summaries));
                })
                .replaceWithVoid();
    }

    private static RuleSet compile(String version, String body) {
        try {
            return RuleSetParser.parse(body);
        } catch (InvalidRuleSetException e) {
            // a row written by a newer release with fields this one does not know: leave it out, keep serving
            LOG.errorf("stored rule set %s cannot be used by this release: %s", version, e.errors());
            return null;
        }
    }

    private static Tuple row(RuleSet ruleSet) {
        return Tuple.of(ruleSet.version(), ruleSet.effectiveFrom().atOffset(ZoneOffset.UTC), ruleSet.document());
    }

    private record Catalog(
            NavigableMap<Instant, RuleSet> byEffectiveFrom,
            Map<String, RuleSet> byVersion,
            List<RuleSetSummary> summaries) {}
}
