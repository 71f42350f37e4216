package io.consentmesh.ingest.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.testkit.MeshTest;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@MeshTest
class ReceiptRetentionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool database;

    @Inject
    ReceiptRetention retention;

    private final String run = UUID.randomUUID().toString();

    @Test
    void published_receipts_and_call_parties_past_retention_are_deleted_and_everything_else_kept() {
        Instant now = Instant.now();
        Instant old = now.minus(Duration.ofDays(8));
        receipt("old-published", "PUBLISHED", old);
        receipt("old-pending", "PENDING", old); // an unfinished claim is EventPublisher's to take over, never purged
        receipt("recent-published", "PUBLISHED", now);
        callParty("old-call", old);
        callParty("recent-call", now);

        long removed = retention.purge(now.minus(Duration.ofDays(7))).await().atMost(WAIT);

        assertThat(removed).isGreaterThanOrEqualTo(2);
        assertThat(receiptExists("old-published")).isFalse();
        assertThat(receiptExists("old-pending")).isTrue();
        assertThat(receiptExists("recent-published")).isTrue();
        assertThat(callPartyExists("old-call")).isFalse();
        assertThat(callPartyExists("recent-call")).isTrue();
    }

    @Test
    void a_purge_larger_than_one_batch_deletes_every_old_receipt() {
        Instant old = Instant.now().minus(Duration.ofDays(30));
        int count = ReceiptRetention.BATCH + 17;
        database.preparedQuery("INSERT INTO webhook_receipt (event_id, state, claimed_at)"
                        + " SELECT $1 || '-' || n, 'PUBLISHED', $2 FROM generate_series(1, $3) n")
                .execute(Tuple.of(run + "-bulk", old.atOffset(ZoneOffset.UTC), count))
                .await()
                .atMost(WAIT);

        retention.purge(old.plusSeconds(1)).await().atMost(WAIT);

        long left = database.preparedQuery("SELECT count(*) FROM webhook_receipt WHERE event_id LIKE $1")
                .execute(Tuple.of(run + "-bulk-%"))
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getLong(0);
        assertThat(left).isZero();
    }

    private void receipt(String id, String state, Instant claimedAt) {
        database.preparedQuery("INSERT INTO webhook_receipt (event_id, state, claimed_at) VALUES ($1, $2, $3)")
                .execute(Tuple.of(run + id, state, claimedAt.atOffset(ZoneOffset.UTC)))
                .await()
                .atMost(WAIT);
    }

    private void callParty(String callId, Instant createdAt) {
        database.preparedQuery("INSERT INTO call_party (provider, call_id, tenant_id, subject_id, created_at)"
                        + " VALUES ('TWILIO', $1, 'acme', repeat('a', 64), $2)")
                .execute(Tuple.of(run + callId, createdAt.atOffset(ZoneOffset.UTC)))
                .await()
                .atMost(WAIT);
    }

    private boolean receiptExists(String id) {
        return exists("SELECT 1 FROM webhook_receipt WHERE event_id = $1", run + id);
    }

    private boolean callPartyExists(String callId) {
        return exists("SELECT 1 FROM call_party WHERE call_id = $1", run + callId);
    }

    private boolean exists(String query, String id) {
        return database.preparedQuery(query)
                        .execute(Tuple.of(id))
                        .await()
                        .atMost(WAIT)
                        .rowCount()
                == 1;
    }
}
