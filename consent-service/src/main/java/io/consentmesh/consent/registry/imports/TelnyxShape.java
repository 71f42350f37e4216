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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Telnyx's 10DLC objects ({@code /v2/10dlc/brand/{brandId}}, {@code /v2/10dlc/campaign/{campaignId}}).
 *
 * <p>Brand {@code status}: REGISTRATION_PENDING → PENDING; REGISTRATION_FAILED → FAILED; OK → APPROVED, unless TCR
 * could not verify its identity ({@code identityStatus} UNVERIFIED → FAILED).
 *
 * <p>Campaign, first rule that holds: {@code status} EXPIRED or {@code campaignStatus} TCR_EXPIRED → EXPIRED;
 * {@code isTMobileSuspended} or TCR_SUSPENDED → SUSPENDED; TCR_FAILED, TELNYX_FAILED, MNO_REJECTED,
 * MNO_PROVISIONING_FAILED → REJECTED; MNO_PROVISIONED → ACTIVE (carriers provisioned: it may send); TCR_PENDING,
 * TCR_ACCEPTED, TELNYX_ACCEPTED, MNO_PENDING, MNO_ACCEPTED → PENDING (accepted, not yet provisioned). A campaign that
 * does not renew ({@code autoRenewal} false) expires at {@code nextRenewalOrExpirationDate}. The shape has no update
 * time: a changed object replaces the one imported before it.
 */
public final class TelnyxShape implements ProviderShape {

    @Override
    public ImportedBrand brand(JsonNode object) {
        String status = requiredText(object, "status");
        String identity = text(object, "identityStatus");
        BrandStatus mapped =
                switch (status) {
                    case "OK" -> "UNVERIFIED".equals(identity) ? BrandStatus.FAILED : BrandStatus.APPROVED;
                    case "REGISTRATION_PENDING" -> BrandStatus.PENDING;
                    case "REGISTRATION_FAILED" -> BrandStatus.FAILED;
                    default -> throw ProviderShape.unknownStatus("status", status);
                };
        return new ImportedBrand(
                requiredText(object, "brandId"),
                text(object, "tcrBrandId"),
                text(object, "companyName"),
                text(object, "displayName"),
                text(object, "entityType"),
                mapped,
                "status=" + status + (identity == null ? "" : " identityStatus=" + identity),
                instant(object, "updatedAt"));
    }

    @Override
    public ImportedCampaign campaign(JsonNode object) {
        String campaignStatus = requiredText(object, "campaignStatus");
        String status = text(object, "status");
        Boolean tMobileSuspended = bool(object, "isTMobileSuspended");
        CampaignStatus mapped = status(campaignStatus, status, Boolean.TRUE.equals(tMobileSuspended));
        List<String> samples = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String sample = text(object, "sample" + i);
            if (sample != null) {
                samples.add(sample);
            }
        }
        Instant expiresAt = Boolean.FALSE.equals(bool(object, "autoRenewal"))
                ? instant(object, "nextRenewalOrExpirationDate")
                : null;
        CampaignRequest campaign = new CampaignRequest(
                null,
                null,
                requiredText(object, "usecase"),
                texts(object, "subUsecases"),
                mapped,
                text(object, "description"),
                text(object, "messageFlow"),
                text(object, "optinMessage"),
                text(object, "optoutMessage"),
                text(object, "helpMessage"),
                samples,
                new CampaignFlags(
                        bool(object, "embeddedLink"),
                        bool(object, "embeddedPhone"),
                        bool(object, "ageGated"),
                        bool(object, "directLending"),
                        bool(object, "numberPool"),
                        bool(object, "subscriberOptin"),
                        bool(object, "subscriberOptout"),
                        bool(object, "subscriberHelp")),
                expiresAt,
                new KeywordOptIn(commaSeparated(text(object, "optinKeywords")), null));
        return new ImportedCampaign(
                requiredText(object, "campaignId"),
                text(object, "tcrCampaignId"),
                requiredText(object, "brandId"),
                text(object, "tcrBrandId"),
                campaign,
                "campaignStatus=" + campaignStatus + (status == null ? "" : " status=" + status)
                        + (Boolean.TRUE.equals(tMobileSuspended) ? " isTMobileSuspended=true" : ""),
                null);
    }

    private static CampaignStatus status(String campaignStatus, String status, boolean tMobileSuspended) {
        if ("EXPIRED".equals(status) || "TCR_EXPIRED".equals(campaignStatus)) {
            return CampaignStatus.EXPIRED;
        }
        if (tMobileSuspended || "TCR_SUSPENDED".equals(campaignStatus)) {
            return CampaignStatus.SUSPENDED;
        }
        return switch (campaignStatus) {
            case "TCR_FAILED", "TELNYX_FAILED", "MNO_REJECTED", "MNO_PROVISIONING_FAILED" -> CampaignStatus.REJECTED;
            case "MNO_PROVISIONED" -> CampaignStatus.ACTIVE;
            case "TCR_PENDING", "TCR_ACCEPTED", "TELNYX_ACCEPTED", "MNO_PENDING", "MNO_ACCEPTED" ->
                CampaignStatus.PENDING;
            default -> throw ProviderShape.unknownStatus("campaignStatus", campaignStatus);
        };
    }

    /** Telnyx lists a campaign's keywords in one string, "START,JOIN". */
    private static List<String> commaSeparated(String keywords) {
        return keywords == null
                ? List.of()
                : java.util.Arrays.stream(keywords.split(","))
                        .map(String::trim)
                        .filter(keyword -> !keyword.isEmpty())
                        .toList();
    }
}
