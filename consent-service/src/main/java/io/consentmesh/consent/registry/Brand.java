package io.consentmesh.consent.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A tenant's brand as the registry holds it, with the providers' ids for it and its status history. */
public record Brand(
        String tenantId,
        String brandId,
        String legalName,
        String displayName,
        String entityType,
        BrandStatus status,
        Map<String, String> providerIds,
        List<StatusChange> statusHistory,
        Instant createdAt,
        Instant updatedAt) {}
