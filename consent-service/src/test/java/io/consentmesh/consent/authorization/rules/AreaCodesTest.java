package io.consentmesh.consent.authorization.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.consent.authorization.rules.AuthorizationFacts.KnownAddress;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class AreaCodesTest {

    private static final AreaCodes CODES = AreaCodes.bundled();
    private static final ZoneId ET = ZoneId.of("America/New_York");
    private static final ZoneId CT = ZoneId.of("America/Chicago");
    private static final ZoneId MT = ZoneId.of("America/Denver");

    @Test
    void TZ01_everyStateAndDcHasAreaCodes() {
        assertThat(CODES.states()).containsExactlyInAnyOrder(UsState.values());
    }

    @Test
    void TZ03_850InTheFloridaPanhandleIsCentralOrEastern() {
        assertThat(CODES.candidates("+18505550123"))
                .containsExactlyInAnyOrder(new Location(UsState.FL, ET), new Location(UsState.FL, CT));
        assertThat(CODES.candidates("+13055550123")).containsExactly(new Location(UsState.FL, ET));
    }

    @Test
    void TZ03_915ElPasoIsMountainAnd432WestTexasIsEither() {
        assertThat(CODES.candidates("+19155550123")).containsExactly(new Location(UsState.TX, MT));
        assertThat(CODES.candidates("+14325550123"))
                .containsExactlyInAnyOrder(new Location(UsState.TX, CT), new Location(UsState.TX, MT));
    }

    @Test
    void TZ03_anUnknownAreaCodeOrAForeignNumberMayBeAnywhere() {
        assertThat(CODES.candidates("+18005550123"))
                .hasSizeGreaterThan(51)
                .contains(new Location(UsState.HI, ZoneId.of("Pacific/Honolulu")), new Location(UsState.FL, CT));
        assertThat(CODES.candidates("+442071234567")).isEqualTo(CODES.candidates("+18005550123"));
    }

    @Test
    void TZ03_aKnownAddressInTheNumbersStateNarrowsTheCandidates() {
        assertThat(CODES.candidates("+18505550123", new KnownAddress("FL", "America/New_York")))
                .containsExactly(new Location(UsState.FL, ET));
        assertThat(CODES.candidates("+18505550123", new KnownAddress("FL", null)))
                .containsExactlyInAnyOrder(new Location(UsState.FL, ET), new Location(UsState.FL, CT));
        assertThat(CODES.candidates("+18005550123", new KnownAddress("CT", null)))
                .containsExactly(new Location(UsState.CT, ET));
    }

    @Test
    void TZ02_anAddressElsewhereAddsToTheAreaCodePresumption() {
        assertThat(CODES.candidates("+13055550123", new KnownAddress("TX", null)))
                .containsExactlyInAnyOrder(
                        new Location(UsState.FL, ET), new Location(UsState.TX, CT), new Location(UsState.TX, MT));
    }

    @Test
    void anUnusableAddressLeavesTheAreaCodesCandidates() {
        assertThat(CODES.candidates("+13055550123", new KnownAddress("ZZ", null)))
                .containsExactly(new Location(UsState.FL, ET));
        assertThat(CODES.candidates("+18505550123", new KnownAddress("FL", "Mars/Olympus")))
                .containsExactlyInAnyOrder(new Location(UsState.FL, ET), new Location(UsState.FL, CT));
    }
}
