package io.consentmesh.retention.schedule;

import io.consentmesh.contracts.Required;
import java.time.Period;

/**
 * A new period for one category, and why.
 *
 * @param period ISO-8601, e.g. {@code P60D}
 */
public record ScheduleChangeRequest(String period, String reason) {

    public ScheduleChangeRequest {
        RetentionSchedule.requireSane(RetentionSchedule.parsePeriod(period, "period"), "period");
        Required.text(reason, "reason");
        if (reason.length() > 500) {
            throw new IllegalArgumentException("reason must be at most 500 characters");
        }
    }

    public Period parsedPeriod() {
        return RetentionSchedule.parsePeriod(period, "period");
    }
}
