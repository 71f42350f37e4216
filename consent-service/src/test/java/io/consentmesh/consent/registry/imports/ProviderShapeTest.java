package io.consentmesh.consent.registry.imports;

import static io.consentmesh.consent.registry.imports.ProviderFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consentmesh.consent.authorization.rules.CampaignStatus;
import io.consentmesh.consent.registry.BrandStatus;
import io.consentmesh.consent.registry.CampaignFlags;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Providers' 10DLC objects, as their APIs return them, mapped to the registry's terms. */
class ProviderShapeTest {

    private final TwilioShape twilio = new TwilioShape();
    private final TelnyxShape telnyx = new TelnyxShape();

    @Test
    void twilio_brand_registration_maps_sid_tcr_id_status_and_update_time() {
        ImportedBrand brand = twilio.brand(fixture("twilio/brand-registration-approved.json"));

        assertThat(brand.providerId()).isEqualTo("BN3a2f4c6d8e0b1a2c3d4e5f60718293a4");
        assertThat(brand.tcrBrandId()).isEqualTo("BQ7ZK2M");
        assertThat(brand.legalName())
                .as("a BrandRegistration does not carry the company name")
                .isNull();
        assertThat(brand.entityType()).isEqualTo("STANDARD");
        assertThat(brand.status()).isEqualTo(BrandStatus.APPROVED);
        assertThat(brand.providerStatus()).isEqualTo("status=APPROVED identity_status=VERIFIED");
        assertThat(brand.updatedAt()).isEqualTo(Instant.parse("2026-09-04T09:41:37Z"));
    }

    @Test
    void twilio_us_app_to_person_maps_use_case_messages_samples_and_flags() {
        ImportedCampaign campaign = twilio.campaign(fixture("twilio/us-app-to-person-verified.json"));

        assertThat(campaign.providerId()).isEqualTo("QE2c8b1f0e9d7a6c5b4a39281706f5e4d3");
        assertThat(campaign.tcrCampaignId()).isEqualTo("CK4RT8Q");
        assertThat(campaign.providerBrandId()).isEqualTo("BN3a2f4c6d8e0b1a2c3d4e5f60718293a4");
        assertThat(campaign.campaign().useCase()).isEqualTo("ACCOUNT_NOTIFICATION");
        assertThat(campaign.campaign().status()).isEqualTo(CampaignStatus.ACTIVE);
        assertThat(campaign.campaign().messageSamples()).hasSize(2);
        assertThat(campaign.campaign().helpMessage()).startsWith("Acme Dental: for help");
        assertThat(campaign.campaign().optOutMessage()).contains("unsubscribed");
        assertThat(campaign.campaign().flags())
                .isEqualTo(new CampaignFlags(false, true, false, false, null, true, true, null));
        assertThat(campaign.campaign().problems()).isEmpty();
        assertThat(campaign.updatedAt()).isEqualTo(Instant.parse("2026-09-12T17:25:03Z"));
    }

    @ParameterizedTest(name = "Twilio campaign_status {0} -> {1}")
    @CsvSource({
        "VERIFIED, ACTIVE",
        "IN_PROGRESS, PENDING",
        "PENDING, PENDING",
        "FAILED, REJECTED",
        "SUSPENDED, SUSPENDED",
        "EXPIRED, EXPIRED"
    })
    void G01_twilio_campaign_status_maps_to_the_registry_status(String twilioStatus, CampaignStatus expected) {
        ObjectNode object = fixture("twilio/us-app-to-person-verified.json");
        object.put("campaign_status", twilioStatus);
        assertThat(twilio.campaign(object).campaign().status()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "Twilio brand status {0} -> {1}")
    @CsvSource({
        "APPROVED, APPROVED",
        "PENDING, PENDING",
        "IN_REVIEW, PENDING",
        "FAILED, FAILED",
        "SUSPENDED, SUSPENDED",
        "DELETION_PENDING, SUSPENDED",
        "DELETION_FAILED, SUSPENDED"
    })
    void CAR02_twilio_brand_status_maps_to_the_registry_status(String twilioStatus, BrandStatus expected) {
        ObjectNode object = fixture("twilio/brand-registration-approved.json");
        object.put("status", twilioStatus);
        assertThat(twilio.brand(object).status()).isEqualTo(expected);
    }

    @Test
    void telnyx_brand_maps_company_name_tcr_id_and_status() {
        ImportedBrand brand = telnyx.brand(fixture("telnyx/brand.json"));

        assertThat(brand.providerId()).isEqualTo("4b20019b-043a-78f8-0657-b3be3f4b4002");
        assertThat(brand.tcrBrandId()).isEqualTo("BRBT5XN");
        assertThat(brand.legalName()).isEqualTo("Acme Plumbing and Heating LLC");
        assertThat(brand.displayName()).isEqualTo("Acme Plumbing");
        assertThat(brand.entityType()).isEqualTo("PRIVATE_PROFIT");
        assertThat(brand.status()).isEqualTo(BrandStatus.APPROVED);
        assertThat(brand.updatedAt()).isEqualTo(Instant.parse("2026-08-18T09:27:10.456Z"));
    }

    @ParameterizedTest(name = "Telnyx brand status {0}, identityStatus {1} -> {2}")
    @CsvSource({
        "OK, VERIFIED, APPROVED",
        "OK, VETTED_VERIFIED, APPROVED",
        "OK, SELF_DECLARED, APPROVED",
        "OK, UNVERIFIED, FAILED",
        "REGISTRATION_PENDING, , PENDING",
        "REGISTRATION_FAILED, , FAILED"
    })
    void telnyx_brand_status_maps_to_the_registry_status(String status, String identity, BrandStatus expected) {
        ObjectNode object = fixture("telnyx/brand.json");
        object.put("status", status);
        object.put("identityStatus", identity);
        assertThat(telnyx.brand(object).status()).isEqualTo(expected);
    }

    @Test
    void telnyx_campaign_maps_mixed_sub_use_cases_samples_and_flags() {
        ImportedCampaign campaign = telnyx.campaign(fixture("telnyx/campaign.json"));

        assertThat(campaign.providerId()).isEqualTo("4b30019b-2f61-9a05-8e1c-51a2c4ab7e10");
        assertThat(campaign.tcrCampaignId()).isEqualTo("CJ2M9QF");
        assertThat(campaign.providerBrandId()).isEqualTo("4b20019b-043a-78f8-0657-b3be3f4b4002");
        assertThat(campaign.tcrBrandId()).isEqualTo("BRBT5XN");
        assertThat(campaign.campaign().useCase()).isEqualTo("MIXED");
        assertThat(campaign.campaign().subUseCases())
                .containsExactly("ACCOUNT_NOTIFICATION", "CUSTOMER_CARE", "MARKETING");
        assertThat(campaign.campaign().status()).isEqualTo(CampaignStatus.ACTIVE);
        assertThat(campaign.campaign().messageSamples()).hasSize(3);
        assertThat(campaign.campaign().flags())
                .isEqualTo(new CampaignFlags(true, false, false, false, false, true, true, true));
        assertThat(campaign.campaign().expiresAt()).as("it renews").isNull();
        assertThat(campaign.campaign().problems()).isEmpty();
    }

    @Test
    void telnyx_campaign_suspended_by_t_mobile_or_expired_is_not_active() {
        assertThat(telnyx.campaign(fixture("telnyx/campaign-t-mobile-suspended.json"))
                        .campaign()
                        .status())
                .isEqualTo(CampaignStatus.SUSPENDED);
        ImportedCampaign expired = telnyx.campaign(fixture("telnyx/campaign-expired.json"));
        assertThat(expired.campaign().status()).isEqualTo(CampaignStatus.EXPIRED);
        assertThat(expired.campaign().expiresAt()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
    }

    @ParameterizedTest(name = "Telnyx campaignStatus {0} -> {1}")
    @CsvSource({
        "MNO_PROVISIONED, ACTIVE",
        "TCR_PENDING, PENDING",
        "TCR_ACCEPTED, PENDING",
        "TELNYX_ACCEPTED, PENDING",
        "MNO_PENDING, PENDING",
        "MNO_ACCEPTED, PENDING",
        "TCR_FAILED, REJECTED",
        "TELNYX_FAILED, REJECTED",
        "MNO_REJECTED, REJECTED",
        "MNO_PROVISIONING_FAILED, REJECTED",
        "TCR_SUSPENDED, SUSPENDED",
        "TCR_EXPIRED, EXPIRED"
    })
    void G01_telnyx_campaign_status_maps_to_the_registry_status(String campaignStatus, CampaignStatus expected) {
        ObjectNode object = fixture("telnyx/campaign.json");
        object.put("campaignStatus", campaignStatus);
        assertThat(telnyx.campaign(object).campaign().status()).isEqualTo(expected);
    }

    @Test
    void a_campaign_that_does_not_renew_expires_at_its_next_renewal_date() {
        ObjectNode object = fixture("telnyx/campaign.json");
        object.put("autoRenewal", false);
        assertThat(telnyx.campaign(object).campaign().expiresAt()).isEqualTo(Instant.parse("2026-12-20T00:00:00Z"));
    }

    @Test
    void unknown_statuses_and_missing_ids_are_refused_with_the_field() {
        ObjectNode unknown = fixture("twilio/us-app-to-person-verified.json");
        unknown.put("campaign_status", "APPROVED_BY_MAGIC");
        assertThatThrownBy(() -> twilio.campaign(unknown))
                .isInstanceOf(InvalidProviderObjectException.class)
                .hasMessageContaining("campaign_status");
        ObjectNode noSid = fixture("twilio/brand-registration-approved.json");
        noSid.remove("sid");
        assertThatThrownBy(() -> twilio.brand(noSid)).hasMessage("sid is required");
        ObjectNode badFlag = fixture("telnyx/campaign.json");
        badFlag.put("embeddedLink", "sometimes");
        assertThatThrownBy(() -> telnyx.campaign(badFlag)).hasMessageContaining("embeddedLink");
    }
}
