package io.consentmesh.runtime.sql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A schema shared by every service (the security store, the key store) rather than owned by one: any service may be
 * the first to start, so each migrates it on start, under an advisory lock, with a version table of its own (a
 * service's Flyway history stays about the service's own schema). Scripts run as {@code ownerRole} when one is given,
 * so the schema belongs to a role no one logs in as.
 *
 * @param resourceDir the classpath folder of the scripts, e.g. {@code /db/security}
 * @param scripts the scripts in version order (version = position + 1); never edit or reorder a released one
 */
public record OwnSchema(String name, long migrationLock, String resourceDir, List<String> scripts) {

    private static final Logger LOG = Logger.getLogger(OwnSchema.class);

    public OwnSchema {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain schema name: " + name);
        }
        scripts = List.copyOf(scripts);
    }

    public Uni<Void> migrate(Pool pool, Optional<String> ownerRole) {
        return pool.withTransaction(connection -> connection
                .query("SELECT pg_advisory_xact_lock(" + migrationLock + ")")
                .execute()
                .chain(() -> ownerRole
                        .map(role -> connection
                                .query("SET LOCAL ROLE \"" + role.replace("\"", "") + "\"")
                                .execute()
                                .replaceWithVoid())
                        .orElse(Uni.createFrom().voidItem()))
                .chain(() -> connection
                        .query("CREATE SCHEMA IF NOT EXISTS " + name + "; CREATE TABLE IF NOT EXISTS " + name
                                + ".schema_version (version int PRIMARY KEY, script text NOT NULL,"
                                + " applied_at timestamptz NOT NULL DEFAULT now())")
                        .execute())
                .chain(() -> connection
                        .query("SELECT coalesce(max(version), 0) FROM " + name + ".schema_version")
                        .execute())
                .chain(rows -> {
                    int current = rows.iterator().next().getInteger(0);
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (int version = current + 1; version <= scripts.size(); version++) {
                        int applying = version;
                        String script = scripts.get(version - 1);
                        chain = chain.chain(() -> connection
                                .query("SET LOCAL search_path = " + name + "; " + read(script))
                                .execute()
                                .chain(() -> connection
                                        .preparedQuery("INSERT INTO " + name
                                                + ".schema_version (version, script) VALUES ($1, $2)")
                                        .execute(Tuple.of(applying, script)))
                                .invoke(() ->
                                        LOG.infof("schema %s migrated to version %d (%s)", name, applying, script))
                                .replaceWithVoid());
                    }
                    return chain;
                }));
    }

    private String read(String script) {
        String path = resourceDir + "/" + script;
        try (InputStream in = OwnSchema.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing migration " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
