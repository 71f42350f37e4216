package io.consentmesh.retention.schedule;

import java.time.Instant;

/** One category's schedule for a tenant, as the API shows it. */
public record ScheduleView(
        String tenantId,
        String category,
        String period,
        String trigger,
        String minimum,
        String maximum,
        String legalBasis,
        String profile,
        Instant changedAt,
        String changedBy) {}
