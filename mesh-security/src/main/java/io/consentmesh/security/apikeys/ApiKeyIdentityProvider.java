package io.consentmesh.security.apikeys;

import io.consentmesh.security.caller.Caller;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a presented API key into the caller: its key id as the principal, its tenant and its roles. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    private final ApiKeys keys;

    ApiKeyIdentityProvider(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        return keys.authenticate(request.token()).map(found -> {
            // One answer for unknown, expired, revoked and wrong secret: which it was is nobody's business but ours.
            ApiKey key =
                    found.orElseThrow(() -> new AuthenticationFailedException("unknown, expired or revoked API key"));
            QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(key.keyId()))
                    .addRoles(new java.util.HashSet<>(key.roles()))
                    .addAttribute(Caller.CREDENTIAL, Caller.API_KEY);
            if (key.tenantId() != null) {
                identity.addAttribute(Caller.TENANT, key.tenantId());
            }
            return identity.build();
        });
    }
}
