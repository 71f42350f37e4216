package io.consentmesh.retention.schedule;

import java.time.Instant;

/** A recorded change of a schedule, with how many inventoried items got a new due date from it. */
public record ScheduleChangeView(
        long id,
        String tenantId,
        String category,
        String oldPeriod,
        String newPeriod,
        String trigger,
        String profile,
        String reason,
        String changedBy,
        Instant changedAt,
        long itemsAffected) {}
