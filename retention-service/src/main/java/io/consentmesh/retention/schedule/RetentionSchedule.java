package io.consentmesh.retention.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How long one category is kept for one tenant: the period from its trigger, the legal minimum and maximum the period
 * must stay within, and the legal basis quoted in reports. Pure Java, so an audit can recompute every due date.
 */
public record RetentionSchedule(
        Category category, Period period, Trigger trigger, Period minimum, Period maximum, String legalBasis) {

    /** Longer than any law or policy asks for: a period beyond it is a typo, not a schedule. */
    static final Period ABSURD = Period.ofYears(100);

    private static final LocalDate REFERENCE = LocalDate.of(2000, 1, 1);

    public RetentionSchedule {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(trigger, "trigger");
        requireSane(period, "period");
        if (minimum != null) {
            requireSane(minimum, "minimum");
        }
        if (maximum != null) {
            requireSane(maximum, "maximum");
        }
        if (minimum != null && maximum != null && longer(minimum, maximum)) {
            throw new IllegalArgumentException("the minimum " + minimum + " is longer than the maximum " + maximum);
        }
        if (legalBasis == null || legalBasis.isBlank()) {
            throw new IllegalArgumentException("legalBasis is required");
        }
    }

    /** This schedule with another period, refused when it leaves the legal minimum or maximum. */
    public RetentionSchedule withPeriod(Period newPeriod) {
        requireSane(newPeriod, "period");
        if (minimum != null && longer(minimum, newPeriod)) {
            throw new IllegalArgumentException(category + " must be kept at least " + minimum + " (" + legalBasis
                    + "); " + newPeriod + " is shorter");
        }
        if (maximum != null && longer(newPeriod, maximum)) {
            throw new IllegalArgumentException(category + " may be kept at most " + maximum + " (" + legalBasis + "); "
                    + newPeriod + " is longer");
        }
        return new RetentionSchedule(category, newPeriod, trigger, minimum, maximum, legalBasis);
    }

    /** When an item falls due, once its trigger has happened (computed in UTC, as the database does). */
    public Optional<Instant> dueAt(Instant triggeredAt) {
        return Optional.ofNullable(triggeredAt)
                .map(at -> at.atOffset(ZoneOffset.UTC).plus(period).toInstant());
    }

    /** An ISO-8601 period (P90D, P12M, P10Y), with a clear message when it is not one. */
    public static Period parsePeriod(String text, String name) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(name + " is required (an ISO-8601 period such as P90D or P12M)");
        }
        try {
            return Period.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 period such as P90D, P12M or P10Y");
        }
    }

    /** A period that is neither negative nor absurd (the bounds any schedule keeps, before its legal ones). */
    static void requireSane(Period period, String name) {
        Objects.requireNonNull(period, name);
        if (period.isNegative() || period.getYears() < 0 || period.getMonths() < 0 || period.getDays() < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + period);
        }
        if (longer(period, ABSURD)) {
            throw new IllegalArgumentException(name + " " + period + " is longer than " + ABSURD.getYears() + " years");
        }
    }

    /** Periods of months and days have no total order; compared from one fixed date they do. */
    static boolean longer(Period a, Period b) {
        return REFERENCE.plus(a).isAfter(REFERENCE.plus(b));
    }
}
