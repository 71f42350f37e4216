package io.consentmesh.consent.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.consent.authorization.rules.CampaignStatus;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The registry's pure rules: TCR use cases, effective status (G-01, CAR-02) and the status changes allowed. */
class RegistryRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    static Stream<Arguments> useCases() {
        return Stream.of(
                Arguments.of("MARKETING", List.of(), true),
                Arguments.of("MIXED", List.of("ACCOUNT_NOTIFICATION", "MARKETING"), true),
                Arguments.of("MIXED", List.of("MARKETING"), false), // MIXED declares 2 to 5
                Arguments.of(
                        "MIXED",
                        List.of(
                                "2FA",
                                "ACCOUNT_NOTIFICATION",
                                "CUSTOMER_CARE",
                                "FRAUD_ALERT",
                                "MARKETING",
                                "SECURITY_ALERT"),
                        false),
                Arguments.of("LOW_VOLUME", List.of("MARKETING"), true),
                Arguments.of("LOW_VOLUME", List.of(), true),
                Arguments.of(
                        "MIXED", List.of("MARKETING", "SWEEPSTAKE"), false), // special use cases are not sub-use-cases
                Arguments.of("MIXED", List.of("MARKETING", "MARKETING"), false),
                Arguments.of("2FA", List.of("MARKETING"), false), // only MIXED and LOW_VOLUME have sub-use-cases
                Arguments.of("SWEEPSTAKE", List.of(), true),
                Arguments.of("PROMOTIONS", List.of(), false));
    }

    @ParameterizedTest(name = "{0} {1}: valid={2}")
    @MethodSource("useCases")
    void TCR02_use_cases_and_sub_use_cases_come_from_the_registry_list(
            String useCase, List<String> subUseCases, boolean valid) {
        assertThat(TcrUseCases.problems(useCase, subUseCases).isEmpty()).isEqualTo(valid);
    }

    @Test
    void TCR03_replies_and_samples_have_the_registry_lengths() {
        CampaignRequest campaign = new CampaignRequest(
                "acme",
                "B1",
                "MARKETING",
                null,
                CampaignStatus.ACTIVE,
                null,
                null,
                "Too short",
                null,
                "Acme: help at acme.example/help. Reply STOP to end.",
                List.of("Acme: 20% off this weekend. Reply STOP to opt out.", "short"),
                null,
                null,
                null);
        assertThat(campaign.problems())
                .containsExactly(
                        "optInMessage: 20 to 255 characters (TCR-03)",
                        "messageSamples[1]: 20 to 1024 characters (TCR-03)");
    }

    @Test
    void a_keyword_opt_in_flow_declares_words_that_neither_stop_nor_ask_for_help_and_a_known_consent() {
        KeywordOptIn declared = new KeywordOptIn(List.of("join", " Start "), "SOMETIMES");
        assertThat(declared.keywords()).containsExactly("JOIN", "START");
        assertThat(campaignWith(declared).problems()).containsExactly("keywordOptIn.level: EXPRESS or EXPRESS_WRITTEN");
        assertThat(campaignWith(new KeywordOptIn(List.of("STOP", "two words"), null))
                        .problems())
                .containsExactly(
                        "keywordOptIn.keywords[0]: STOP stops or asks for help (KW-01, KW-03)",
                        "keywordOptIn.keywords[1]: one word of 2 to 20 letters or digits");
        assertThat(new KeywordOptIn(List.of("START"), null).level())
                .as("not said: the consent a text gives, no more")
                .isEqualTo("EXPRESS");
        assertThat(campaignWith(new KeywordOptIn(List.of(), "EXPRESS_WRITTEN")).problems())
                .containsExactly("keywordOptIn.level: only with keywords");
    }

    private static CampaignRequest campaignWith(KeywordOptIn keywordOptIn) {
        return new CampaignRequest(
                "acme",
                "B1",
                "MARKETING",
                null,
                CampaignStatus.ACTIVE,
                null,
                "Customers text START to 12345 to join; the call to action states the terms.",
                null,
                null,
                null,
                List.of(),
                null,
                null,
                keywordOptIn);
    }

    @ParameterizedTest(name = "campaign {0}, brand {1}, expires {2} -> {3}")
    @CsvSource({
        "ACTIVE, APPROVED, , ACTIVE",
        "ACTIVE, APPROVED, 2026-11-25T12:00:01Z, ACTIVE",
        "ACTIVE, APPROVED, 2026-11-25T12:00:00Z, EXPIRED",
        "ACTIVE, APPROVED, 2026-11-01T00:00:00Z, EXPIRED",
        "ACTIVE, SUSPENDED, , SUSPENDED",
        "PENDING, SUSPENDED, , SUSPENDED",
        "ACTIVE, FAILED, , REJECTED",
        "ACTIVE, PENDING, , PENDING",
        "SUSPENDED, PENDING, , SUSPENDED",
        "EXPIRED, SUSPENDED, , EXPIRED",
        "REJECTED, APPROVED, , REJECTED",
        "SUSPENDED, APPROVED, , SUSPENDED"
    })
    void G01_CAR02_what_sends_is_an_unexpired_active_campaign_of_an_approved_brand(
            CampaignStatus campaign, BrandStatus brand, Instant expiresAt, CampaignStatus effective) {
        assertThat(EffectiveStatus.of(campaign, brand, expiresAt, NOW)).isEqualTo(effective);
    }

    @ParameterizedTest(name = "campaign {0} -> {1}: allowed={2}")
    @CsvSource({
        "PENDING, ACTIVE, true",
        "PENDING, REJECTED, true",
        "ACTIVE, SUSPENDED, true",
        "ACTIVE, EXPIRED, true",
        "ACTIVE, PENDING, true",
        "SUSPENDED, ACTIVE, true",
        "REJECTED, PENDING, true",
        "ACTIVE, ACTIVE, true",
        "EXPIRED, ACTIVE, false",
        "EXPIRED, PENDING, false",
        "REJECTED, ACTIVE, false",
        "SUSPENDED, PENDING, false"
    })
    void campaign_status_changes_the_tenant_may_make(CampaignStatus from, CampaignStatus to, boolean allowed) {
        assertThat(StatusTransitions.allowed(from, to)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "brand {0} -> {1}: allowed={2}")
    @CsvSource({
        "PENDING, APPROVED, true",
        "APPROVED, SUSPENDED, true",
        "SUSPENDED, APPROVED, true",
        "FAILED, PENDING, true",
        "PENDING, SUSPENDED, false",
        "SUSPENDED, FAILED, false"
    })
    void brand_status_changes_the_tenant_may_make(BrandStatus from, BrandStatus to, boolean allowed) {
        assertThat(StatusTransitions.allowed(from, to)).isEqualTo(allowed);
    }
}
