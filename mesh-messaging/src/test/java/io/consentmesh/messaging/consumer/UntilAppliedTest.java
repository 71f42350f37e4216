package io.consentmesh.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentmesh.contracts.envelope.MalformedEventException;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Poison never blocks a queue (issue 20): what no retry can store is dead-lettered; an outage is retried. */
class UntilAppliedTest {

    @Test
    void aValueTheDatabaseRefusesAsDataIsPoisonAndFailsAtOnceForTheDeadLetterTopic() {
        AtomicInteger attempts = new AtomicInteger();
        PgException nul = new PgException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "22021", null);
        assertThat(UntilApplied.poison(nul)).isTrue();
        assertThat(UntilApplied.poison(new RuntimeException("wrapped", nul))).isTrue();

        assertThatThrownBy(() -> UntilApplied.apply("an event", () -> {
                            attempts.incrementAndGet();
                            return Uni.createFrom().failure(nul);
                        })
                        .await()
                        .atMost(Duration.ofSeconds(5)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("SQLSTATE 22021");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aBatchTheDatabaseRefusesIsAppliedOneEventAtATimeSoThePoisonHoldsNoOther() {
        PgException tooLong = new PgException("value too long for type character varying(64)", "ERROR", "22001", null);
        AtomicInteger wholeAttempts = new AtomicInteger();
        AtomicInteger oneByOne = new AtomicInteger();
        UntilApplied.applyBatch(
                        "a batch",
                        () -> {
                            wholeAttempts.incrementAndGet();
                            return Uni.createFrom().failure(tooLong);
                        },
                        () -> {
                            oneByOne.incrementAndGet();
                            return Uni.createFrom().voidItem();
                        })
                .await()
                .atMost(Duration.ofSeconds(5));
        assertThat(wholeAttempts).hasValue(1);
        assertThat(oneByOne).hasValue(1);
    }

    @Test
    void anOutageIsRetriedUntilItPasses() {
        AtomicInteger attempts = new AtomicInteger();
        PgException gone = new PgException("the database system is shutting down", "FATAL", "57P03", null);
        assertThat(UntilApplied.poison(gone)).isFalse();

        UntilApplied.apply(
                        "an event",
                        () -> attempts.incrementAndGet() < 3
                                ? Uni.createFrom().failure(gone)
                                : Uni.createFrom().voidItem())
                .await()
                .atMost(Duration.ofSeconds(10));
        assertThat(attempts).hasValue(3);
    }
}
