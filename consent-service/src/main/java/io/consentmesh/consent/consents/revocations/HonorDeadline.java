package io.consentmesh.consent.consents.revocations;

import io.consentmesh.consent.authorization.rules.RuleSet;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * KW-07: a revocation must be honoured within 10 business days of its receipt. Business days are Monday to Friday
 * that the rule set does not list as a holiday, counted in US Eastern time (the FCC's); the deadline is the end of the
 * tenth business day after the day of receipt. Pure Java.
 */
public final class HonorDeadline {

    public static final int BUSINESS_DAYS = 10;
    private static final ZoneId EASTERN = ZoneId.of("America/New_York");

    private HonorDeadline() {}

    public static Instant of(Instant receivedAt, RuleSet rules) {
        LocalDate day = receivedAt.atZone(EASTERN).toLocalDate();
        int counted = 0;
        while (counted < BUSINESS_DAYS) {
            day = day.plusDays(1);
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY
                    && day.getDayOfWeek() != DayOfWeek.SUNDAY
                    && !rules.isHoliday(day)) {
                counted++;
            }
        }
        return day.plusDays(1).atStartOfDay(EASTERN).toInstant().minusNanos(1_000);
    }
}
