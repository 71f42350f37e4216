package io.consentmesh.dsar.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each jurisdiction's clock as ClockRules states it, named by the rules of the regulatory reference. */
class DsarClockTest {

    @ParameterizedTest(name = "{0}: received {1}, due {2}, extended to {3}")
    @CsvSource({
        // the tenants' promise: 30 days, no extension
        "DEFAULT,     2026-11-23T10:00:00Z, 2026-12-23T10:00:00Z, ",
        // DSR-01: one calendar month (31 January + 1 month = 28 February), then two more months
        "GDPR,        2026-11-23T10:00:00Z, 2026-12-23T10:00:00Z, 2027-02-23T10:00:00Z",
        "GDPR,        2027-01-31T10:00:00Z, 2027-02-28T10:00:00Z, 2027-04-28T10:00:00Z",
        "UK_GDPR,     2026-11-23T10:00:00Z, 2026-12-23T10:00:00Z, 2027-02-23T10:00:00Z",
        // DSR-04: 45 calendar days, then 45 more: 90 in all
        "CCPA,        2026-11-23T10:00:00Z, 2027-01-07T10:00:00Z, 2027-02-21T10:00:00Z",
        // DSR-07: 45 + 45 in the US states
        "VIRGINIA,    2026-11-23T10:00:00Z, 2027-01-07T10:00:00Z, 2027-02-21T10:00:00Z",
        "COLORADO,    2026-11-23T10:00:00Z, 2027-01-07T10:00:00Z, 2027-02-21T10:00:00Z",
        "CONNECTICUT, 2026-11-23T10:00:00Z, 2027-01-07T10:00:00Z, 2027-02-21T10:00:00Z",
        "TEXAS,       2026-11-23T10:00:00Z, 2027-01-07T10:00:00Z, 2027-02-21T10:00:00Z",
        "OREGON,      2026-11-23T10:00:00Z, 2027-01-07T10:00:00Z, 2027-02-21T10:00:00Z",
    })
    void dsr01Dsr04Dsr07AnswerDeadlinesAndTheirExtensions(
            Jurisdiction jurisdiction, Instant received, Instant due, Instant extended) {
        ClockRule rule = ClockRules.of(jurisdiction);
        assertThat(rule.answerDue(received)).isEqualTo(due);
        assertThat(rule.extendedDue(received).orElse(null)).isEqualTo(extended);
    }

    @Test
    void dsr04CcpaReceiptIsConfirmedWithinTenBusinessDays() {
        // received on a Wednesday: ten business days skip two weekends
        assertThat(ClockRules.of(Jurisdiction.CCPA).confirmationDue(Instant.parse("2026-12-02T15:00:00Z")))
                .contains(Instant.parse("2026-12-16T15:00:00Z"));
        // received on a Saturday: the first business day counted is the Monday
        assertThat(ClockRules.of(Jurisdiction.CCPA).confirmationDue(Instant.parse("2026-12-05T15:00:00Z")))
                .contains(Instant.parse("2026-12-18T15:00:00Z"));
        assertThat(ClockRules.of(Jurisdiction.GDPR).confirmationDue(Instant.parse("2026-12-02T15:00:00Z")))
                .isEmpty();
    }

    @Test
    void everyJurisdictionHasAClockNamingItsRules() {
        for (Jurisdiction jurisdiction : Jurisdiction.values()) {
            ClockRule rule = ClockRules.of(jurisdiction);
            assertThat(rule).as(jurisdiction.name()).isNotNull();
            assertThat(rule.basis()).isNotBlank();
            if (jurisdiction != Jurisdiction.DEFAULT) {
                assertThat(rule.ruleIds()).as(jurisdiction.name()).isNotEmpty().allMatch(id -> id.matches("DSR-0\\d"));
            }
        }
    }
}
