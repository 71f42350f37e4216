package io.consentmesh.dsar.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DsarClockTest {

    @ParameterizedTest(name = "{0}: received {1}, due {2}")
    @CsvSource({
        "DEFAULT, 2026-11-23T10:00:00Z, 2026-12-23T10:00:00Z",
        "GDPR,    2026-11-23T10:00:00Z, 2026-12-23T10:00:00Z",
        "GDPR,    2027-01-31T10:00:00Z, 2027-02-28T10:00:00Z",
        "CCPA,    2026-11-23T10:00:00Z, 2027-01-07T10:00:00Z",
    })
    void dsr01AndDsr04Deadlines(Jurisdiction jurisdiction, Instant received, Instant due) {
        assertThat(DsarClock.dueAt(jurisdiction, received)).isEqualTo(due);
    }
}
