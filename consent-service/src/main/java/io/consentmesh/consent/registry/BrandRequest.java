package io.consentmesh.consent.registry;

import java.util.Map;

/**
 * A brand as the tenant registered it with TCR (TCR-01), through one or more providers.
 *
 * @param providerIds the provider's own id of this brand, by provider ({@code twilio}: the BN… sid, {@code telnyx}:
 *     its brand id); imports of that provider's campaigns find the brand through it
 */
public record BrandRequest(
        String tenantId,
        String legalName,
        String displayName,
        String entityType,
        BrandStatus status,
        Map<String, String> providerIds) {}
