package io.consentmesh.consent.registry;

import io.consentmesh.consent.authorization.rules.CampaignStatus;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The status changes a tenant may make through the API. A provider's import is the registry's word and is applied
 * whatever the current status; a change to the same status is no change.
 */
public final class StatusTransitions {

    private static final Map<CampaignStatus, Set<CampaignStatus>> CAMPAIGN = Map.of(
            CampaignStatus.PENDING, EnumSet.of(CampaignStatus.ACTIVE, CampaignStatus.REJECTED, CampaignStatus.EXPIRED),
            // An updated campaign goes back to review; a violation suspends it (CAR-02).
            CampaignStatus.ACTIVE, EnumSet.of(CampaignStatus.PENDING, CampaignStatus.SUSPENDED, CampaignStatus.EXPIRED),
            CampaignStatus.SUSPENDED, EnumSet.of(CampaignStatus.ACTIVE, CampaignStatus.EXPIRED),
            CampaignStatus.REJECTED, EnumSet.of(CampaignStatus.PENDING, CampaignStatus.EXPIRED),
            // An expired (deactivated) campaign is never resumed: the tenant registers a new one.
            CampaignStatus.EXPIRED, EnumSet.noneOf(CampaignStatus.class));

    private static final Map<BrandStatus, Set<BrandStatus>> BRAND = Map.of(
            BrandStatus.PENDING, EnumSet.of(BrandStatus.APPROVED, BrandStatus.FAILED),
            BrandStatus.APPROVED, EnumSet.of(BrandStatus.PENDING, BrandStatus.SUSPENDED),
            BrandStatus.FAILED, EnumSet.of(BrandStatus.PENDING, BrandStatus.APPROVED),
            BrandStatus.SUSPENDED, EnumSet.of(BrandStatus.APPROVED));

    private StatusTransitions() {}

    public static boolean allowed(CampaignStatus from, CampaignStatus to) {
        return from == to || CAMPAIGN.get(from).contains(to);
    }

    public static boolean allowed(BrandStatus from, BrandStatus to) {
        return from == to || BRAND.get(from).contains(to);
    }
}
