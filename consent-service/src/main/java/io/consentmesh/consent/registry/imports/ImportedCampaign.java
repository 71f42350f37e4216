package io.consentmesh.consent.registry.imports;

import io.consentmesh.consent.registry.CampaignRequest;
import java.time.Instant;

/**
 * A provider's campaign object, mapped to the registry's terms.
 *
 * @param providerId the provider's own id (Twilio QE… sid, Telnyx campaign id)
 * @param tcrCampaignId TCR's campaign id, once registered, or null
 * @param providerBrandId the provider's id of the campaign's brand
 * @param tcrBrandId TCR's id of the campaign's brand, when the shape carries it
 * @param campaign the campaign without tenant and brand (filled in on import); a field the shape does not carry is
 *     null (or empty) and keeps what the registry knows
 * @param providerStatus the provider's own status words, kept in the history as the reason
 * @param updatedAt when the provider last changed the object, or null when the shape does not say
 */
public record ImportedCampaign(
        String providerId,
        String tcrCampaignId,
        String providerBrandId,
        String tcrBrandId,
        CampaignRequest campaign,
        String providerStatus,
        Instant updatedAt) {}
