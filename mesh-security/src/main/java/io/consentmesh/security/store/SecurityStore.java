package io.consentmesh.security.store;

import io.consentmesh.runtime.sql.OwnSchema;
import io.consentmesh.security.SecurityConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/**
 * The shared security schema (API keys, the security audit log), migrated on start by whichever service starts first
 * ({@link OwnSchema}).
 */
@Singleton
public class SecurityStore {

    public static final String SCHEMA = "mesh_security";

    private static final OwnSchema SCHEMA_SCRIPTS = new OwnSchema(
            SCHEMA, 0x6d6573685f736563L /* "mesh_sec" */, "/db/security", List.of("V1__api_keys_and_access_log.sql"));

    private final Pool pool;
    private final SecurityConfig config;

    public SecurityStore(Pool pool, SecurityConfig config) {
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

    public Uni<Void> migrate() {
        return SCHEMA_SCRIPTS.migrate(pool, config.store().ownerRole());
    }
}
