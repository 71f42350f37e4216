package io.consentmesh.security.oidc;

import io.consentmesh.security.SecurityConfig;
import io.consentmesh.security.caller.Caller;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A bearer token from an OIDC issuer names its tenant in a configurable claim ({@code mesh.security.oidc.tenant-claim});
 * its roles come from {@code smallrye.jwt.path.groups}. A token without a well-formed tenant is refused, unless its
 * only role is platform-admin, which belongs to no tenant.
 */
@ApplicationScoped
public class TenantClaimAugmentor implements SecurityIdentityAugmentor {

    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final String tenantClaim;

    TenantClaimAugmentor(SecurityConfig config) {
        this.tenantClaim = config.oidc().tenantClaim();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Object claim = token.getClaim(tenantClaim);
        String tenant = claim == null ? null : claim.toString().replace("\"", "");
        QuarkusSecurityIdentity.Builder builder =
                QuarkusSecurityIdentity.builder(identity).addAttribute(Caller.CREDENTIAL, Caller.OIDC);
        if (tenant != null && TENANT.matcher(tenant).matches()) {
            builder.addAttribute(Caller.TENANT, tenant);
        } else if (!identity.getRoles().equals(java.util.Set.of(io.consentmesh.security.Roles.PLATFORM_ADMIN))) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the token names no tenant"));
        }
        return Uni.createFrom().item(builder.build());
    }
}
