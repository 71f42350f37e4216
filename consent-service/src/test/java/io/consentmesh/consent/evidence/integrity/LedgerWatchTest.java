package io.consentmesh.consent.evidence.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.testkit.MeshTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The scheduled ledger verification, with two replicas of the service sharing the database: one verifies per period,
 * both report what it found (the alerts take the maximum over replicas, so each must report the same).
 */
@QuarkusTest
@MeshTest
class LedgerWatchTest {

    private static final Duration AT_MOST = Duration.ofSeconds(60);
    private static final Duration HOURLY = Duration.ofHours(1);

    @Inject
    LedgerIntegrity integrity;

    @Inject
    Pool database;

    @Inject
    Vertx vertx;

    @Test
    void oneReplicaVerifiesPerPeriodAndEveryReplicaReportsWhatItFound() {
        // a period that is due: as when the last one has run out
        database.query("UPDATE ledger_watch SET next_due_at = '-infinity', breaks = NULL, verified_at = NULL")
                .execute()
                .await()
                .atMost(AT_MOST);
        LedgerWatch a = new LedgerWatch(integrity, database, vertx, new SimpleMeterRegistry(), HOURLY, "replica-a");
        LedgerWatch b = new LedgerWatch(integrity, database, vertx, new SimpleMeterRegistry(), HOURLY, "replica-b");

        assertThat(a.runOnce().await().atMost(AT_MOST))
                .as("the first to wake verifies")
                .isTrue();
        assertThat(b.runOnce().await().atMost(AT_MOST))
                .as("the other, in the same period, does not")
                .isFalse();
        assertThat(a.runOnce().await().atMost(AT_MOST))
                .as("nor the first again")
                .isFalse();

        assertThat(a.reportedVerifiedAt()).isPositive();
        assertThat(b.reportedVerifiedAt()).as("b reports a's verification").isEqualTo(a.reportedVerifiedAt());
        assertThat(b.reportedBreaks()).isEqualTo(a.reportedBreaks());
        assertThat(database.query("SELECT claimed_by, breaks FROM ledger_watch")
                        .execute()
                        .await()
                        .atMost(AT_MOST)
                        .iterator()
                        .next()
                        .getString("claimed_by"))
                .isEqualTo("replica-a");
    }

    @Test
    void theNextPeriodIsTakenAgain() {
        database.query("UPDATE ledger_watch SET next_due_at = '-infinity'")
                .execute()
                .await()
                .atMost(AT_MOST);
        LedgerWatch b = new LedgerWatch(integrity, database, vertx, new SimpleMeterRegistry(), HOURLY, "replica-b");

        assertThat(b.runOnce().await().atMost(AT_MOST)).isTrue();
        assertThat(b.runOnce().await().atMost(AT_MOST)).isFalse();
    }
}
