package io.consentmesh.runtime.http;

import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.http.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body declared larger than {@code quarkus.http.limits.max-body-size} is answered 413 as problem+json, ahead of the
 * HTTP layer's own check (which answers with an empty body). A chunked body without a declared length is still cut
 * off by that check when it passes the limit.
 */
@ApplicationScoped
public class BodyLimit {

    private final long limit;

    BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    void route(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 100).handler(context -> {
            String declared = context.request().getHeader("Content-Length");
            long length;
            try {
                length = declared == null ? -1 : Long.parseLong(declared.trim());
            } catch (NumberFormatException unreadable) {
                length = -1;
            }
            if (length <= limit) {
                context.next();
                return;
            }
            Problem problem = Problem.of(
                    413,
                    "body-too-large",
                    "The body is too large",
                    "a request body may have at most " + limit + " bytes");
            context.response()
                    .setStatusCode(413)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Connection", "close")
                    .end(json(problem));
        });
    }

    private static String json(Problem problem) {
        try {
            return EventCodec.mapper().writeValueAsString(problem);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a problem is JSON", e);
        }
    }
}
