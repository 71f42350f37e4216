package io.consentmesh.retention.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** When a stored item falls due for deletion. Pure Java, so the replay audit can recompute every due date. */
public final class RetentionSchedule {

    private final Map<Category, Duration> periods = new EnumMap<>(Category.class);

    public RetentionSchedule(Map<String, Duration> configured) {
        for (Category category : Category.values()) {
            Duration period = configured.get(category.name().toLowerCase(Locale.ROOT));
            if (period == null || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a positive retention period is required for " + category);
            }
            periods.put(category, period);
        }
    }

    public Instant dueAt(Category category, Instant storedAt) {
        return storedAt.plus(periods.get(category));
    }
}
