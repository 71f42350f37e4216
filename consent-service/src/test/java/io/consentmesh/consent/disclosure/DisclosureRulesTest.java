package io.consentmesh.consent.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.consent.disclosure.DisclosureRules.CallFacts;
import io.consentmesh.consent.disclosure.DisclosureRules.Disclosure;
import io.consentmesh.consent.disclosure.DisclosureRules.RecordingChange;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict of each kind of call, named by the rule that decides it. */
class DisclosureRulesTest {

    private static final DisclosureRules RULES = DisclosureRules.bundled();
    private static final Instant ANSWERED = Instant.parse("2026-11-25T15:00:00Z");
    private static final String NEW_YORK = "+12125550100";
    private static final String LOS_ANGELES = "+12135550100";
    private static final String TENANT_NUMBER = "+16465550199"; // New York

    @Test
    void rec03_recording_after_a_complete_disclosure_is_compliant() {
        var assessment = RULES.assess(call(List.of(disclosure(0, 8, true)), List.of(started(9)), null, false));

        assertThat(assessment.verdict()).isEqualTo(CallVerdict.COMPLIANT);
        assertThat(assessment.disclosure().announcementId()).isEqualTo("rec-notice");
        assertThat(assessment.recordingStartedAt()).isEqualTo(at(9));
        assertThat(assessment.dataVersion()).isEqualTo("rec-2026.11");
    }

    @Test
    void rec03_recording_that_starts_while_the_disclosure_plays_is_recording_before_disclosure() {
        var assessment = RULES.assess(call(List.of(disclosure(0, 8, true)), List.of(started(3)), null, false));

        assertThat(assessment.verdict()).isEqualTo(CallVerdict.RECORDING_BEFORE_DISCLOSURE);
        assertThat(assessment.verdict().isViolation()).isTrue();
    }

    @Test
    void rec03_audio_taken_before_the_disclosure_counts_even_if_paused_for_it() {
        var assessment = RULES.assess(call(
                List.of(disclosure(5, 12, true)),
                List.of(started(0), change("PAUSED", 4), change("RESUMED", 13)),
                null,
                false));

        assertThat(assessment.verdict()).isEqualTo(CallVerdict.RECORDING_BEFORE_DISCLOSURE);
    }

    @Test
    void rec04_a_recorded_call_without_any_disclosure_is_no_disclosure() {
        var assessment = RULES.assess(call(List.of(), List.of(started(0)), null, false));

        assertThat(assessment.verdict()).isEqualTo(CallVerdict.NO_DISCLOSURE);
        assertThat(assessment.rules()).contains("REC-04");
    }

    @Test
    void rec03_a_disclosure_cut_off_is_disclosure_interrupted() {
        var assessment = RULES.assess(call(List.of(disclosure(0, 3, false)), List.of(started(4)), null, false));

        assertThat(assessment.verdict()).isEqualTo(CallVerdict.DISCLOSURE_INTERRUPTED);
    }

    @Test
    void rec03_a_repeated_disclosure_that_completes_after_an_interrupted_one_counts() {
        var assessment = RULES.assess(
                call(List.of(disclosure(0, 3, false), disclosure(4, 12, true)), List.of(started(13)), null, false));

        assertThat(assessment.verdict()).isEqualTo(CallVerdict.COMPLIANT);
    }

    @Test
    void a_call_that_was_not_recorded_needs_no_disclosure() {
        var assessment = RULES.assess(call(List.of(), List.of(), null, false));

        assertThat(assessment.verdict()).isEqualTo(CallVerdict.NOT_RECORDED);
        assertThat(assessment.verdict().isViolation()).isFalse();
    }

    @Test
    void a_finished_recording_reporting_an_early_start_is_recording_before_disclosure() {
        CallFacts call = new CallFacts(
                "CA1",
                List.of(NEW_YORK, TENANT_NUMBER),
                ANSWERED,
                at(60),
                List.of(disclosure(0, 8, true)),
                List.of(),
                List.of(at(1)),
                null,
                false);

        assertThat(RULES.assess(call).verdict()).isEqualTo(CallVerdict.RECORDING_BEFORE_DISCLOSURE);
    }

    @Test
    void rec08_explicit_consent_mode_needs_consent_before_recording() {
        assertThat(RULES.assess(call(List.of(disclosure(0, 8, true)), List.of(started(9)), null, true))
                        .verdict())
                .isEqualTo(CallVerdict.RECORDING_WITHOUT_CONSENT);
        assertThat(RULES.assess(call(List.of(disclosure(0, 8, true)), List.of(started(12)), at(10), true))
                        .verdict())
                .isEqualTo(CallVerdict.COMPLIANT);
        assertThat(RULES.assess(call(List.of(disclosure(0, 8, true)), List.of(started(9)), at(10), true))
                        .verdict())
                .isEqualTo(CallVerdict.RECORDING_WITHOUT_CONSENT);
    }

    @Test
    void rec02_all_party_consent_jurisdictions_are_stated_from_the_parties_numbers() {
        CallFacts call = new CallFacts(
                "CA1",
                List.of(LOS_ANGELES, TENANT_NUMBER),
                ANSWERED,
                at(60),
                List.of(disclosure(0, 8, true)),
                List.of(started(9)),
                List.of(),
                null,
                false);

        var assessment = RULES.assess(call);

        assertThat(assessment.jurisdictions()).contains("CA", "NY");
        assertThat(assessment.allPartyConsentJurisdictions()).containsExactly("CA");
        assertThat(assessment.rules()).contains("REC-02");
        assertThat(RULES.assess(call(List.of(disclosure(0, 8, true)), List.of(started(9)), null, false))
                        .allPartyConsentJurisdictions())
                .isEmpty();
    }

    private static CallFacts call(
            List<Disclosure> disclosures, List<RecordingChange> recording, Instant consentAt, boolean required) {
        return new CallFacts(
                "CA1",
                List.of(NEW_YORK, TENANT_NUMBER),
                ANSWERED,
                at(60),
                disclosures,
                recording,
                List.of(),
                consentAt,
                required);
    }

    private static Disclosure disclosure(int from, int to, boolean playedToEnd) {
        return new Disclosure("rec-notice", "3", "en-US", at(from), at(to), playedToEnd, "AGENT_RUNTIME");
    }

    private static RecordingChange started(int second) {
        return change("STARTED", second);
    }

    private static RecordingChange change(String state, int second) {
        return new RecordingChange(state, at(second));
    }

    private static Instant at(int second) {
        return ANSWERED.plusSeconds(second);
    }
}
