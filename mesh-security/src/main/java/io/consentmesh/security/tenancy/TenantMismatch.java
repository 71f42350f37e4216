package io.consentmesh.security.tenancy;

import io.consentmesh.contracts.http.Problem;
import io.consentmesh.runtime.http.ProblemException;

/** A request that names a tenant other than its credential's. */
final class TenantMismatch {

    private TenantMismatch() {}

    static ProblemException problem(String where) {
        return new ProblemException(Problem.of(
                403,
                "tenant-mismatch",
                "Forbidden",
                "the " + where
                        + " tenantId is not the tenant of the credential; the tenant comes from the credential"));
    }
}
