package io.consentmesh.consent.authorization.rules;

import java.util.Arrays;

/**
 * Allowed local hours for each day of the week: one interval [opens, closes) per day, in seconds of the day, or
 * closed all day. Days are indexed like {@link java.time.DayOfWeek#ordinal()} (Monday = 0).
 */
final class WeeklyHours {

    static final int CLOSED = -1;

    private final int[] opens;
    private final int[] closes;

    WeeklyHours(int[] opens, int[] closes) {
        this.opens = opens.clone();
        this.closes = closes.clone();
    }

    static WeeklyHours closedAllWeek() {
        int[] closed = new int[7];
        Arrays.fill(closed, CLOSED);
        return new WeeklyHours(closed, closed);
    }

    WeeklyHours withDay(int day, int opensAt, int closesAt) {
        int[] o = opens.clone();
        int[] c = closes.clone();
        o[day] = opensAt;
        c[day] = closesAt;
        return new WeeklyHours(o, c);
    }

    boolean isSet(int day) {
        return opens[day] != CLOSED;
    }

    boolean closedOn(int day) {
        return opens[day] == CLOSED;
    }

    int opens(int day) {
        return opens[day];
    }

    int closes(int day) {
        return closes[day];
    }

    boolean isOpen(int day, int secondOfDay) {
        return opens[day] != CLOSED && secondOfDay >= opens[day] && secondOfDay < closes[day];
    }

    /** Hours allowed by both: the later opening and the earlier closing of each day. */
    WeeklyHours intersect(WeeklyHours other) {
        int[] o = new int[7];
        int[] c = new int[7];
        for (int day = 0; day < 7; day++) {
            int from = Math.max(opens[day], other.opens[day]);
            int to = Math.min(closes[day], other.closes[day]);
            boolean closed = closedOn(day) || other.closedOn(day) || from >= to;
            o[day] = closed ? CLOSED : from;
            c[day] = closed ? CLOSED : to;
        }
        return new WeeklyHours(o, c);
    }
}
