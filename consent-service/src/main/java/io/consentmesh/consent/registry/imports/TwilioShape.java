package io.consentmesh.consent.registry.imports;

import static io.consentmesh.consent.registry.imports.ProviderShape.bool;
import static io.consentmesh.consent.registry.imports.ProviderShape.instant;
import static io.consentmesh.consent.registry.imports.ProviderShape.requiredText;
import static io.consentmesh.consent.registry.imports.ProviderShape.text;
import static io.consentmesh.consent.registry.imports.ProviderShape.texts;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentmesh.consent.authorization.rules.CampaignStatus;
import io.consentmesh.consent.registry.BrandStatus;
import io.consentmesh.consent.registry.CampaignFlags;
import io.consentmesh.consent.registry.CampaignRequest;
import io.consentmesh.consent.registry.KeywordOptIn;
import java.util.List;

/**
 * Twilio's Messaging v1 objects: {@code BrandRegistration} ({@code /v1/a2p/BrandRegistrations/BN…}) and
 * {@code UsAppToPerson}, the Messaging Service's campaign ({@code /v1/Services/MG…/Compliance/Usa2p/QE…}).
 *
 * <p>Brand {@code status}: APPROVED → APPROVED; PENDING, IN_REVIEW → PENDING; FAILED → FAILED; SUSPENDED,
 * DELETION_PENDING, DELETION_FAILED → SUSPENDED (a brand on its way out sends nothing). Campaign
 * {@code campaign_status}: VERIFIED → ACTIVE; PENDING, IN_PROGRESS → PENDING; FAILED → REJECTED; SUSPENDED →
 * SUSPENDED; EXPIRED → EXPIRED. A BrandRegistration carries no company name (it is in the Customer Profile bundle),
 * and a UsAppToPerson no sub-use-cases, nor number-pool or help flags: those keep what the registry knows.
 */
public final class TwilioShape implements ProviderShape {

    @Override
    public ImportedBrand brand(JsonNode object) {
        String status = requiredText(object, "status");
        BrandStatus mapped =
                switch (status) {
                    case "APPROVED" -> BrandStatus.APPROVED;
                    case "PENDING", "IN_REVIEW" -> BrandStatus.PENDING;
                    case "FAILED" -> BrandStatus.FAILED;
                    case "SUSPENDED", "DELETION_PENDING", "DELETION_FAILED" -> BrandStatus.SUSPENDED;
                    default -> throw ProviderShape.unknownStatus("status", status);
                };
        String identity = text(object, "identity_status");
        return new ImportedBrand(
                requiredText(object, "sid"),
                text(object, "tcr_id"),
                null,
                null,
                text(object, "brand_type"),
                mapped,
                "status=" + status + (identity == null ? "" : " identity_status=" + identity),
                instant(object, "date_updated"));
    }

    @Override
    public ImportedCampaign campaign(JsonNode object) {
        String status = requiredText(object, "campaign_status");
        CampaignStatus mapped =
                switch (status) {
                    case "VERIFIED" -> CampaignStatus.ACTIVE;
                    case "PENDING", "IN_PROGRESS" -> CampaignStatus.PENDING;
                    case "FAILED" -> CampaignStatus.REJECTED;
                    case "SUSPENDED" -> CampaignStatus.SUSPENDED;
                    case "EXPIRED" -> CampaignStatus.EXPIRED;
                    default -> throw ProviderShape.unknownStatus("campaign_status", status);
                };
        CampaignRequest campaign = new CampaignRequest(
                null,
                null,
                requiredText(object, "us_app_to_person_usecase"),
                null,
                mapped,
                text(object, "description"),
                text(object, "message_flow"),
                text(object, "opt_in_message"),
                text(object, "opt_out_message"),
                text(object, "help_message"),
                texts(object, "message_samples"),
                new CampaignFlags(
                        bool(object, "has_embedded_links"),
                        bool(object, "has_embedded_phone"),
                        bool(object, "age_gated"),
                        bool(object, "direct_lending"),
                        null,
                        bool(object, "subscriber_opt_in"),
                        optedOutByKeywords(object),
                        null),
                null,
                new KeywordOptIn(texts(object, "opt_in_keywords"), null));
        return new ImportedCampaign(
                requiredText(object, "sid"),
                text(object, "campaign_id"),
                requiredText(object, "brand_registration_sid"),
                null,
                campaign,
                "campaign_status=" + status,
                instant(object, "date_updated"));
    }

    /** Opt-out keywords listed means the campaign honours them; none listed says nothing. */
    private static Boolean optedOutByKeywords(JsonNode object) {
        List<String> keywords = texts(object, "opt_out_keywords");
        return keywords.isEmpty() ? null : Boolean.TRUE;
    }
}
