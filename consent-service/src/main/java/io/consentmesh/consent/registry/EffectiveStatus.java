package io.consentmesh.consent.registry;

import io.consentmesh.consent.authorization.rules.CampaignStatus;
import java.time.Instant;

/** What a campaign's status means for sending now (G-01, CAR-02). Pure. */
public final class EffectiveStatus {

    private EffectiveStatus() {}

    /**
     * The campaign's status as the authorizer must see it at {@code now}: EXPIRED once its expiry has passed, whatever
     * the stored status says; SUSPENDED while its brand is suspended (a brand suspension suspends all its campaigns,
     * CAR-02); PENDING or REJECTED while its brand is pending or failed; otherwise its own.
     */
    public static CampaignStatus of(CampaignStatus campaign, BrandStatus brand, Instant expiresAt, Instant now) {
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return CampaignStatus.EXPIRED;
        }
        if (campaign == CampaignStatus.EXPIRED || campaign == CampaignStatus.REJECTED) {
            return campaign;
        }
        return switch (brand) {
            case APPROVED -> campaign;
            case SUSPENDED -> CampaignStatus.SUSPENDED;
            case FAILED -> CampaignStatus.REJECTED;
            case PENDING -> campaign == CampaignStatus.SUSPENDED ? campaign : CampaignStatus.PENDING;
        };
    }
}
