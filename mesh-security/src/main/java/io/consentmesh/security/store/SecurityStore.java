package io.consentmesh.security.store;

import io.consentmesh.security.SecurityConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The shared security schema (API keys, the security audit log). Every service uses it and may be the first to start,
 * so each migrates it on start, under an advisory lock, with its own version table: a service's Flyway history stays
 * about the service's own schema.
 */
@Singleton
public class SecurityStore {

    public static final String SCHEMA = "mesh_security";

    private static final Logger LOG = Logger.getLogger(SecurityStore.class);
    private static final long MIGRATION_LOCK = 0x6d6573685f736563L; // "mesh_sec"
    private static final List<String> MIGRATIONS = List.of("V1__api_keys_and_access_log.sql");

    private final Pool pool;
    private final SecurityConfig config;

    SecurityStore(Pool pool, SecurityConfig config) {
        this.pool = pool;
        this.config = config;
    }

    public Pool pool() {
        return pool;
    }

    /** Before anything else may read a key (priority: early among startup observers). */
    void migrateOnStart(@Observes @Priority(10) StartupEvent start) {
        migrate().await().atMost(Duration.ofMinutes(2));
    }

    Uni<Void> migrate() {
        return pool.withTransaction(connection -> connection
                .query("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")")
                .execute()
                .chain(() -> config.store()
                        .ownerRole()
                        .map(role -> connection
                                .query("SET LOCAL ROLE \"" + role.replace("\"", "") + "\"")
                                .execute()
                                .replaceWithVoid())
                        .orElse(Uni.createFrom().voidItem()))
                .chain(() -> connection
                        .query("CREATE SCHEMA IF NOT EXISTS " + SCHEMA + "; CREATE TABLE IF NOT EXISTS " + SCHEMA
                                + ".schema_version (version int PRIMARY KEY, script text NOT NULL,"
                                + " applied_at timestamptz NOT NULL DEFAULT now())")
                        .execute())
                .chain(() -> connection
                        .query("SELECT coalesce(max(version), 0) FROM " + SCHEMA + ".schema_version")
                        .execute())
                .chain(rows -> {
                    int current = rows.iterator().next().getInteger(0);
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (int version = current + 1; version <= MIGRATIONS.size(); version++) {
                        int applying = version;
                        String script = MIGRATIONS.get(version - 1);
                        chain = chain.chain(() -> connection
                                .query("SET LOCAL search_path = " + SCHEMA + "; " + read(script))
                                .execute()
                                .chain(() -> connection
                                        .preparedQuery("INSERT INTO " + SCHEMA
                                                + ".schema_version (version, script) VALUES ($1, $2)")
                                        .execute(Tuple.of(applying, script)))
                                .invoke(() ->
                                        LOG.infof("security schema migrated to version %d (%s)", applying, script))
                                .replaceWithVoid());
                    }
                    return chain;
                }));
    }

    private static String read(String script) {
        try (InputStream in = SecurityStore.class.getResourceAsStream("/db/security/" + script)) {
            if (in == null) {
                throw new IllegalStateException("missing migration db/security/" + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
