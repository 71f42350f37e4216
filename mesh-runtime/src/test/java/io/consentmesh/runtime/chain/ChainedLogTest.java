package io.consentmesh.runtime.chain;

import static io.consentmesh.runtime.sql.Timestamps.utc;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.testkit.infra.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chained log and its checkpoints with a layout of their own (not the consent ledger's), against a real
 * PostgreSQL: what any service gets when it keeps a log of its own.
 */
class ChainedLogTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TITLE = "consent-mesh test log checkpoint v1";

    /** What a service might log: an action on a person's data. */
    record Action(String tenant, String subject, String sourceId, String action, Instant at) {}

    private static final ChainedLog<Action> LOG = new ChainedLog<>(
            new ChainedLog.Layout<>(
                    "action_chain",
                    "action_record",
                    List.of(
                            ChainedLog.Column.of("source_id", "text", String.class, Action::sourceId),
                            ChainedLog.Column.of("action", "text", String.class, Action::action),
                            ChainedLog.Column.of("at", "timestamptz", OffsetDateTime.class, a -> utc(a.at())))),
            new ChainedLog.Entry<>() {
                @Override
                public UUID id(Action action) {
                    return UUID.nameUUIDFromBytes((action.tenant() + '/' + action.sourceId()).getBytes());
                }

                @Override
                public SubjectRef chain(Action action) {
                    return new SubjectRef(action.tenant(), action.subject());
                }

                @Override
                public String canonical(Action action, UUID id) {
                    return canonicalOf(id.toString(), action.sourceId(), action.action(), action.at());
                }
            });

    private static TestDatabase database;
    private static Pool pool;

    @BeforeAll
    static void database() {
        database = TestDatabase.start();
        pool = database.pool();
        pool.query(
                        """
                        CREATE TABLE action_chain (tenant_id text NOT NULL, subject_id char(64) NOT NULL,
                            head_hash char(64), length bigint NOT NULL DEFAULT 0,
                            checkpointed_length bigint NOT NULL DEFAULT 0, PRIMARY KEY (tenant_id, subject_id));
                        CREATE TABLE action_record (id uuid PRIMARY KEY, tenant_id text NOT NULL,
                            subject_id char(64) NOT NULL, source_id text NOT NULL, action text NOT NULL,
                            at timestamptz NOT NULL, prev_hash char(64), hash char(64) NOT NULL,
                            seq bigserial);
                        CREATE TABLE action_checkpoint (tenant_id text, sequence bigint, created_at timestamptz,
                            previous_root text, root text, head_count int, key_id text, signature text,
                            PRIMARY KEY (tenant_id, sequence));
                        CREATE TABLE action_checkpoint_head (tenant_id text, sequence bigint, subject_id text,
                            chain_length bigint, head_hash text);
                        CREATE TABLE action_outbox (tenant_id text, sequence bigint);""")
                .execute()
                .await()
                .atMost(WAIT);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void chainsEachSubjectsRecordsAndAppliesARedeliveryOnce() {
        String tenant = "t-" + UUID.randomUUID();
        String alice = subject('a');
        String bob = subject('b');
        Instant at = Instant.parse("2026-12-01T10:00:00.123456Z");
        Action first = new Action(tenant, alice, "e1", "READ", at);
        Action second = new Action(tenant, bob, "e2", "EXPORTED", at.plusSeconds(1));
        Action third = new Action(tenant, alice, "e3", "ERASED", at.plusSeconds(2));

        List<Optional<UUID>> appended = append(List.of(first, second, first, third));
        assertThat(appended).hasSize(4);
        assertThat(appended.get(2)).as("the copy later in the same batch").isEmpty();
        assertThat(appended.stream().filter(Optional::isPresent)).hasSize(3);

        assertThat(append(List.of(third, second, first)))
                .as("a redelivered batch appends nothing")
                .allMatch(Optional::isEmpty);

        List<Row> aliceRows = rows(tenant, alice);
        assertThat(aliceRows).extracting(r -> r.getString("action")).containsExactly("READ", "ERASED");
        assertThat(verify(aliceRows)).isEqualTo(head(tenant, alice));
        assertThat(verify(rows(tenant, bob))).isEqualTo(head(tenant, bob));
        assertThat(length(tenant, alice)).isEqualTo(2);
    }

    @Test
    void checkpointsSignTheHeadsOfTheChainsThatGrewWithTheLogsOwnTitle() {
        String tenant = "t-" + UUID.randomUUID();
        append(List.of(
                new Action(tenant, subject('c'), "c1", "READ", Instant.parse("2026-12-01T10:00:00Z")),
                new Action(tenant, subject('d'), "d1", "READ", Instant.parse("2026-12-01T10:00:01Z"))));
        byte[] seed = new byte[32];
        seed[0] = 7;
        CheckpointKey key = CheckpointKey.fromSeed(Base64.getEncoder().encodeToString(seed));
        AtomicInteger committed = new AtomicInteger();
        ChainCheckpointer checkpointer = new ChainCheckpointer(
                pool,
                database.vertx(),
                key,
                new ChainCheckpointer.Spec(
                        "the test log",
                        "action_chain",
                        "action_checkpoint",
                        "action_checkpoint_head",
                        TITLE,
                        42L,
                        1_000,
                        Duration.ofHours(1),
                        (connection, statement) -> connection
                                .preparedQuery("INSERT INTO action_outbox VALUES ($1, $2)")
                                .execute(Tuple.of(statement.tenantId(), statement.sequence()))
                                .replaceWithVoid(),
                        committed::incrementAndGet,
                        new SimpleMeterRegistry().counter("signed")));

        assertThat(checkpointer.checkpointNow().await().atMost(WAIT)).isGreaterThanOrEqualTo(2L);
        assertThat(committed).hasPositiveValue();

        Row checkpoint = pool.preparedQuery("SELECT * FROM action_checkpoint WHERE tenant_id = $1")
                .execute(Tuple.of(tenant))
                .await()
                .atMost(WAIT)
                .iterator()
                .next();
        List<CheckpointStatement.Head> heads = new ArrayList<>();
        pool.preparedQuery("SELECT subject_id, chain_length, head_hash FROM action_checkpoint_head"
                        + " WHERE tenant_id = $1 AND sequence = 1")
                .execute(Tuple.of(tenant))
                .await()
                .atMost(WAIT)
                .forEach(row -> heads.add(new CheckpointStatement.Head(
                        row.getString("subject_id"), row.getLong("chain_length"), row.getString("head_hash"))));
        CheckpointStatement statement = new CheckpointStatement(
                TITLE, tenant, 1, checkpoint.getOffsetDateTime("created_at").toInstant(), null, heads);
        assertThat(heads).hasSize(2);
        assertThat(checkpoint.getString("root")).isEqualTo(statement.root());
        assertThat(CheckpointKey.verify(key.publicKeyBase64(), statement.bytes(), checkpoint.getString("signature")))
                .as("the signature covers the statement with the log's own title")
                .isTrue();
        assertThat(new String(statement.bytes())).startsWith(TITLE + "\n");
        assertThat(pool.preparedQuery("SELECT count(*) FROM action_outbox WHERE tenant_id = $1")
                        .execute(Tuple.of(tenant))
                        .await()
                        .atMost(WAIT)
                        .iterator()
                        .next()
                        .getLong(0))
                .as("the service's hook ran in the checkpoint's transaction")
                .isEqualTo(1L);
        assertThat(checkpointer.checkpointNow().await().atMost(WAIT))
                .as("nothing grew since")
                .isZero();
    }

    private static List<Optional<UUID>> append(List<Action> batch) {
        return pool.withTransaction(connection -> LOG.appendAll(connection, batch))
                .await()
                .atMost(WAIT);
    }

    private static List<Row> rows(String tenant, String subject) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("SELECT * FROM action_record WHERE tenant_id = $1 AND subject_id = $2 ORDER BY seq")
                .execute(Tuple.of(tenant, subject))
                .await()
                .atMost(WAIT)
                .forEach(rows::add);
        return rows;
    }

    /** Walks a chain from its rows alone, as an offline verifier does. @return the last hash */
    private static String verify(List<Row> rows) {
        String previous = null;
        for (Row row : rows) {
            assertThat(row.getString("prev_hash")).isEqualTo(previous);
            String recomputed = ChainHash.next(
                    previous,
                    canonicalOf(
                            row.getUUID("id").toString(),
                            row.getString("source_id"),
                            row.getString("action"),
                            row.getOffsetDateTime("at").toInstant()));
            assertThat(row.getString("hash")).isEqualTo(recomputed);
            previous = recomputed;
        }
        return previous;
    }

    private static String head(String tenant, String subject) {
        return chainRow(tenant, subject).getString("head_hash");
    }

    private static long length(String tenant, String subject) {
        return chainRow(tenant, subject).getLong("length");
    }

    private static Row chainRow(String tenant, String subject) {
        return pool.preparedQuery("SELECT * FROM action_chain WHERE tenant_id = $1 AND subject_id = $2")
                .execute(Tuple.of(tenant, subject))
                .await()
                .atMost(WAIT)
                .iterator()
                .next();
    }

    private static String canonicalOf(String id, String sourceId, String action, Instant at) {
        return ChainHash.json(Map.of("id", id, "sourceId", sourceId, "action", action, "at", at.toString()));
    }

    private static String subject(char c) {
        return String.valueOf(c).repeat(64);
    }
}
