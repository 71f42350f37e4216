package io.consentmesh.retention.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.Period;
import org.junit.jupiter.api.Test;

class RetentionScheduleTest {

    private final RetentionSchedule recordings = ScheduleProfile.STANDARD.schedule(Category.RECORDING);
    private final RetentionSchedule auditLogs = ScheduleProfile.STANDARD.schedule(Category.SECURITY_AUDIT_LOG);

    @Test
    void dueDatesAreTheTriggerPlusThePeriodInUtcCalendarTerms() {
        assertThat(recordings.dueAt(Instant.parse("2026-11-20T15:10:00Z")))
                .contains(Instant.parse("2027-02-18T15:10:00Z"));
        RetentionSchedule transcripts = ScheduleProfile.STANDARD.schedule(Category.TRANSCRIPT);
        // twelve months from the last day of January is the last day of January a year on
        assertThat(transcripts.dueAt(Instant.parse("2026-01-31T08:00:00Z")))
                .contains(Instant.parse("2027-01-31T08:00:00Z"));
        assertThat(recordings.dueAt(null)).as("trigger not happened yet").isEmpty();
    }

    @Test
    void aPeriodMustStayWithinTheLegalMinimumAndMaximum() {
        assertThat(recordings.withPeriod(Period.ofDays(30)).period()).isEqualTo(Period.ofDays(30));
        assertThatThrownBy(() -> recordings.withPeriod(Period.ofDays(91))).hasMessageContaining("at most P90D");
        assertThatThrownBy(() -> auditLogs.withPeriod(Period.ofMonths(11))).hasMessageContaining("at least P1Y");
        // months and days compare from a fixed date: P12M is not shorter than P1Y
        assertThat(auditLogs.withPeriod(Period.ofMonths(12)).period()).isEqualTo(Period.ofMonths(12));
    }

    @Test
    void negativeAndAbsurdPeriodsAreRefused() {
        assertThatThrownBy(() -> recordings.withPeriod(Period.ofDays(-1))).hasMessageContaining("negative");
        assertThatThrownBy(() -> recordings.withPeriod(Period.of(1, -1, 0))).hasMessageContaining("negative");
        assertThatThrownBy(() -> auditLogs.withPeriod(Period.ofYears(101))).hasMessageContaining("100 years");
        assertThatThrownBy(() -> RetentionSchedule.parsePeriod("PT5H", "period"))
                .hasMessageContaining("ISO-8601");
        assertThat(RetentionSchedule.parsePeriod("p90d", "period")).isEqualTo(Period.ofDays(90));
    }

    @Test
    void everyShippedProfileSchedulesEveryCategoryWithinItsOwnBounds() {
        for (ScheduleProfile profile : ScheduleProfile.values()) {
            for (Category category : Category.values()) {
                RetentionSchedule schedule = profile.schedule(category);
                assertThat(schedule.withPeriod(schedule.period()))
                        .as(profile.id() + " " + category)
                        .isEqualTo(schedule);
                assertThat(schedule.legalBasis()).isNotBlank();
            }
        }
    }
}
