package io.consentmesh.privacy.http;

import io.consentmesh.contracts.http.Problem;
import io.consentmesh.privacy.keys.KeysUnavailableException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/** Keys out of reach: 503 with Retry-After, so the caller retries; nothing was written in plaintext instead. */
@Provider
public class KeysUnavailableMapper implements ExceptionMapper<KeysUnavailableException> {

    private static final Logger LOG = Logger.getLogger(KeysUnavailableMapper.class);

    @Override
    public Response toResponse(KeysUnavailableException exception) {
        LOG.warnf("personal data keys unavailable: %s", exception.getMessage());
        Problem problem = Problem.of(
                503,
                "keys-unavailable",
                "Keys unavailable",
                "the personal-data key store cannot be reached; nothing was stored, retry later");
        return Response.status(503)
                .type(Problem.MEDIA_TYPE)
                .header("Retry-After", "5")
                .entity(problem)
                .build();
    }
}
