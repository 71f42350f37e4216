package io.consentmesh.testkit.infra;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL of a test class's own with a reactive pool on it: what a module's tests use when they exercise SQL
 * without starting a Quarkus application (mesh-runtime's chained log, mesh-security's keys, mesh-privacy's key store).
 */
public final class TestDatabase implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final PostgresServer postgres;
    private final Vertx vertx;
    private final Pool pool;

    private TestDatabase(PostgresServer postgres, Vertx vertx) {
        this.postgres = postgres;
        this.vertx = vertx;
        this.pool = poolOn(postgres.port());
    }

    /** Starts PostgreSQL under {@code target/mesh-infra} of the module. */
    public static TestDatabase start() {
        return new TestDatabase(
                PostgresServer.start(Path.of("target", "mesh-infra").toAbsolutePath()), Vertx.vertx());
    }

    public Pool pool() {
        return pool;
    }

    /** The Vert.x the pool runs on (for code that also sets timers on it). */
    public Vertx vertx() {
        return vertx;
    }

    /** Another pool with this database's login, on another port: a database that cannot be reached. */
    public Pool poolOn(int port) {
        return PgBuilder.pool()
                .connectingTo(new PgConnectOptions()
                        .setHost(postgres.host())
                        .setPort(port)
                        .setDatabase(postgres.database())
                        .setUser(postgres.user())
                        .setPassword(postgres.password()))
                .using(vertx)
                .build();
    }

    /** The first column of the first row of {@code sql}, as a number (counts, in assertions). */
    public long count(String sql) {
        return pool.query(sql).execute().await().atMost(WAIT).iterator().next().getLong(0);
    }

    @Override
    public void close() {
        pool.close().await().atMost(WAIT);
        vertx.close().await().atMost(WAIT);
        postgres.close();
    }
}
