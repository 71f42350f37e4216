package io.consentmesh.ingest.accounts;

import io.consentmesh.contracts.http.Problem;
import io.consentmesh.ingest.config.IngestConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** The operator API under /v1/admin needs the admin bearer token. */
public class AdminAuthentication {

    private final byte[] adminToken;

    AdminAuthentication(IngestConfig config) {
        this.adminToken = config.adminToken().getBytes(StandardCharsets.UTF_8);
    }

    @ServerRequestFilter
    public Response requireAdminToken(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/v1/admin")) {
            return null;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String presented = header != null && header.startsWith("Bearer ")
                ? header.substring(7).trim()
                : "";
        if (MessageDigest.isEqual(adminToken, presented.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        Problem problem =
                Problem.of(401, "unauthenticated", "Authentication required", "a valid admin bearer token is required");
        return Response.status(401)
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(problem)
                .build();
    }
}
