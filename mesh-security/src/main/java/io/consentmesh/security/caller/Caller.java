package io.consentmesh.security.caller;

import io.consentmesh.contracts.http.Problem;
import io.consentmesh.runtime.http.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is calling: the credential's principal (an API key id or a token's subject), its kind, its tenant and its
 * roles. The tenant always comes from here, never from a body or a query (architecture: Security).
 *
 * @param tenant empty only for platform administrators, who belong to no tenant
 */
public record Caller(String principal, String credential, Optional<String> tenant, Set<String> roles) {

    /** Identity attribute holding the caller's tenant. */
    public static final String TENANT = "mesh.tenant";
    /** Identity attribute naming the kind of credential. */
    public static final String CREDENTIAL = "mesh.credential";

    public static final String API_KEY = "api-key";
    public static final String OIDC = "oidc";

    public static Caller of(SecurityIdentity identity) {
        Object tenant = identity.getAttribute(TENANT);
        Object credential = identity.getAttribute(CREDENTIAL);
        return new Caller(
                identity.getPrincipal().getName(),
                credential == null ? OIDC : credential.toString(),
                Optional.ofNullable(tenant).map(Object::toString),
                new TreeSet<>(identity.getRoles()));
    }

    /** The caller's tenant, for operations that only a tenant's credential may call. */
    public String requireTenant() {
        return tenant.orElseThrow(() -> new ProblemException(
                Problem.of(403, "tenant-required", "Forbidden", "this operation needs a credential of a tenant")));
    }

    /** The caller of the current request. */
    public static Caller current(SecurityIdentity identity) {
        return of(identity);
    }

    /** True when the caller may act for this tenant: it is the caller's own, or the caller belongs to no tenant. */
    public boolean mayActFor(String tenantId) {
        return tenant.map(own -> own.equals(tenantId)).orElse(true);
    }
}
