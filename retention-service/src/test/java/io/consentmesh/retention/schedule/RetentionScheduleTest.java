package io.consentmesh.retention.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionScheduleTest {

    @Test
    void dueDateIsStoredAtPlusTheCategoryPeriod() {
        RetentionSchedule schedule =
                new RetentionSchedule(Map.of("recording", Duration.ofDays(90), "transcript", Duration.ofDays(30)));

        assertThat(schedule.dueAt(Category.RECORDING, Instant.parse("2026-01-01T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(schedule.dueAt(Category.TRANSCRIPT, Instant.parse("2026-01-01T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
    }

    @Test
    void everyCategoryNeedsAPositivePeriod() {
        assertThatThrownBy(() -> new RetentionSchedule(Map.of("recording", Duration.ofDays(90))))
                .hasMessageContaining("TRANSCRIPT");
        assertThatThrownBy(() ->
                        new RetentionSchedule(Map.of("recording", Duration.ZERO, "transcript", Duration.ofDays(1))))
                .hasMessageContaining("RECORDING");
    }
}
