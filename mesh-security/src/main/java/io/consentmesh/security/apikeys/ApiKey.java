package io.consentmesh.security.apikeys;

import java.time.Instant;
import java.util.List;

/**
 * A stored API key as listed to an administrator: never the secret nor its hash.
 *
 * @param tenantId null for a platform-admin key
 */
public record ApiKey(
        String keyId,
        String tenantId,
        String name,
        List<String> roles,
        Instant createdAt,
        String createdBy,
        Instant expiresAt,
        Instant revokedAt,
        String rotatedTo) {

    public boolean validAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    public String status(Instant now) {
        if (revokedAt != null) {
            return "REVOKED";
        }
        return expiresAt != null && !expiresAt.isAfter(now) ? "EXPIRED" : "ACTIVE";
    }
}
