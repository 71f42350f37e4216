package io.consentmesh.consent.registry.imports;

import io.consentmesh.consent.registry.BrandStatus;
import java.time.Instant;

/**
 * A provider's brand object, mapped to the registry's terms.
 *
 * @param providerId the provider's own id (Twilio BN… sid, Telnyx brand id)
 * @param tcrBrandId TCR's brand id, once registered, or null
 * @param legalName the company's legal name, or null when the shape does not carry it (Twilio)
 * @param providerStatus the provider's own status words, kept in the history as the reason
 * @param updatedAt when the provider last changed the object, or null when the shape does not say
 */
public record ImportedBrand(
        String providerId,
        String tcrBrandId,
        String legalName,
        String displayName,
        String entityType,
        BrandStatus status,
        String providerStatus,
        Instant updatedAt) {}
