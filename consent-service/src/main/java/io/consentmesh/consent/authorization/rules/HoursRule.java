package io.consentmesh.consent.authorization.rules;

/**
 * The hours of one jurisdiction, already combined with the federal ones for a state.
 *
 * @param rule the rule id that sets them (e.g. {@code T-FL}); {@code T-US} for a state with no rule of its own
 * @param closedOnHolidays whether the rule set's holidays are closed all day
 */
record HoursRule(String rule, WeeklyHours week, boolean closedOnHolidays) {

    HoursRule within(HoursRule outer) {
        return new HoursRule(rule, week.intersect(outer.week), closedOnHolidays || outer.closedOnHolidays);
    }
}
