package io.consentmesh.security.http;

import io.consentmesh.contracts.http.Problem;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 and 403 as problem+json, the same words for every cause: an error body never says which part of a credential
 * was wrong, and never echoes it. (Proactive authentication is off in every service, so these failures reach the
 * REST layer's mappers.)
 */
public class SecurityProblemMappers {

    @ServerExceptionMapper({
        AuthenticationFailedException.class,
        AuthenticationCompletionException.class,
        UnauthorizedException.class
    })
    public Response unauthenticated() {
        return Response.status(401)
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(Problem.of(
                        401,
                        "unauthenticated",
                        "Authentication required",
                        "a valid API key or bearer token is required (Authorization: Bearer ...)"))
                .build();
    }

    @ServerExceptionMapper(ForbiddenException.class)
    public Response forbidden() {
        return Response.status(403)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(403, "forbidden", "Forbidden", "the credential's roles do not allow this operation"))
                .build();
    }
}
