package io.consentmesh.consent.consents.revocations;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.consent.authorization.rules.RuleSet;
import io.consentmesh.consent.authorization.rules.RuleSetParser;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HonorDeadlineTest {

    private static final RuleSet RULES = RuleSetParser.bundled();

    @Test
    void kw07_ten_business_days_skip_weekends_and_the_rule_sets_holidays() {
        // Friday 2026-11-20 (Eastern); Thanksgiving 2026-11-26 is a holiday: the tenth business day is Monday 12-07
        Instant received = Instant.parse("2026-11-20T15:00:00Z");

        assertThat(HonorDeadline.of(received, RULES)).isEqualTo(Instant.parse("2026-12-08T04:59:59.999999Z"));
    }

    @Test
    void kw07_the_day_of_receipt_is_the_eastern_day() {
        // 02:00Z on Saturday is still Friday evening in New York
        Instant fridayEvening = Instant.parse("2026-11-21T02:00:00Z");

        assertThat(HonorDeadline.of(fridayEvening, RULES)).isEqualTo(Instant.parse("2026-12-08T04:59:59.999999Z"));
    }
}
