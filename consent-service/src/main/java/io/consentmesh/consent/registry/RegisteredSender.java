package io.consentmesh.consent.registry;

import io.consentmesh.consent.authorization.rules.AuthorizationFacts.SenderCampaign;
import io.consentmesh.consent.authorization.rules.CampaignStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A sending number's campaign as the authorizer needs it (G-01).
 *
 * @param status the campaign's status as stored
 * @param brandStatus its brand's status
 * @param useCases the campaign's use case followed by its sub-use-cases
 * @param expiresAt when the campaign expires, or null
 */
public record RegisteredSender(
        String number,
        String campaignId,
        String brandId,
        CampaignStatus status,
        BrandStatus brandStatus,
        List<String> useCases,
        Instant expiresAt) {

    /** The status that counts at {@code now} ({@link EffectiveStatus}). */
    public CampaignStatus statusAt(Instant now) {
        return EffectiveStatus.of(status, brandStatus, expiresAt, now);
    }

    /** The rules engine's view of it at {@code now}. */
    public SenderCampaign asSenderCampaign(Instant now) {
        return new SenderCampaign(campaignId, statusAt(now), Set.copyOf(useCases));
    }
}
