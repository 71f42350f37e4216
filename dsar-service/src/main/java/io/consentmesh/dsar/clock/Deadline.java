package io.consentmesh.dsar.clock;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * A legal period, counted as the law counts it: calendar days, calendar months ("one month" from 31 January ends on 28
 * or 29 February) or business days (Monday to Friday; public holidays are not known to the mesh, so a business-day
 * deadline may fall a holiday early — on the safe side). Counted in UTC from the instant the period starts.
 */
public record Deadline(int amount, Unit unit) {

    public enum Unit {
        CALENDAR_DAYS,
        CALENDAR_MONTHS,
        BUSINESS_DAYS
    }

    public Deadline {
        if (amount <= 0) {
            throw new IllegalArgumentException("a deadline is a positive period");
        }
    }

    public static Deadline days(int days) {
        return new Deadline(days, Unit.CALENDAR_DAYS);
    }

    public static Deadline months(int months) {
        return new Deadline(months, Unit.CALENDAR_MONTHS);
    }

    public static Deadline businessDays(int days) {
        return new Deadline(days, Unit.BUSINESS_DAYS);
    }

    /** When a period of this length that starts at {@code start} ends. */
    public Instant after(Instant start) {
        ZonedDateTime at = start.atZone(ZoneOffset.UTC);
        return switch (unit) {
            case CALENDAR_DAYS -> at.plusDays(amount).toInstant();
            case CALENDAR_MONTHS -> at.plusMonths(amount).toInstant();
            case BUSINESS_DAYS -> {
                ZonedDateTime day = at;
                for (int counted = 0; counted < amount; ) {
                    day = day.plusDays(1);
                    if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                        counted++;
                    }
                }
                yield day.toInstant();
            }
        };
    }

    @Override
    public String toString() {
        return amount + " " + unit.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
