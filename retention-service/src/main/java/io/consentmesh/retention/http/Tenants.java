package io.consentmesh.retention.http;

import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.runtime.http.ProblemException;

/** A tenant id from a path, query or body: a 400 that does not echo it back when it is not a tenant slug. */
public final class Tenants {

    private Tenants() {}

    public static String require(String tenantId) {
        if (tenantId == null || tenantId.isBlank()) {
            throw ProblemException.invalidRequest("tenantId is required");
        }
        try {
            return new TenantId(tenantId).value();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidRequest(
                    "tenantId must be a lower-case slug of 1-63 letters, digits and dashes");
        }
    }
}
