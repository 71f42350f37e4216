package io.consentmesh.security.apikeys;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key taken from the Authorization header, to be checked by {@link ApiKeyIdentityProvider}. */
public final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final ApiKeyToken token;

    public ApiKeyAuthenticationRequest(ApiKeyToken token) {
        this.token = token;
    }

    public ApiKeyToken token() {
        return token;
    }
}
