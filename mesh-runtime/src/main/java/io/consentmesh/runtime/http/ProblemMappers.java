package io.consentmesh.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.contracts.json.InputRules;
import io.consentmesh.contracts.subject.PhoneNumbers;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Every service answers errors as problem+json. These mappers are found by Quarkus because this jar is indexed
 * (META-INF/beans.xml). Details name fields and rules, never request values, so no personal data lands in an error.
 */
public final class ProblemMappers {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ProblemMappers.class);

    private ProblemMappers() {}

    static Response toResponse(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    /** What was wrong with a JSON body, without echoing it (also for services that read a body themselves). */
    public static Problem ofJson(JsonProcessingException exception) {
        if (exception instanceof InputRules.InputRuleException rule) {
            String path = fieldPath(rule);
            return Problem.invalidRequest((path.isEmpty() ? "" : "field '" + path + "': ") + rule.getOriginalMessage());
        }
        if (exception instanceof StreamReadException read
                && read.getMessage() != null
                && read.getMessage().startsWith("Duplicate field")) {
            return Problem.invalidRequest("a field appears twice in the JSON object");
        }
        if (exception instanceof ValueInstantiationException invalid && invalid.getCause() != null) {
            // Our records validate themselves; their messages name the rule that failed.
            return Problem.invalidRequest(invalid.getCause().getMessage());
        }
        if (exception instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            return Problem.invalidRequest("field '" + fieldPath(mapping) + "' is missing or has the wrong type");
        }
        return Problem.invalidRequest("the body is not valid JSON for this endpoint");
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        e.getPath().forEach(ref -> {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        });
        return path.toString();
    }

    @Provider
    public static class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {
        @Override
        public Response toResponse(ProblemException exception) {
            Response response = ProblemMappers.toResponse(exception.problem());
            return exception
                    .retryAfter()
                    .map(after -> Response.fromResponse(response)
                            .header("Retry-After", Math.max(1, after.toSeconds()))
                            .build())
                    .orElse(response);
        }
    }

    /**
     * Errors the framework raises itself (unknown path, wrong method, a body its JSON reader rejected) keep their
     * status but answer as problem+json too.
     */
    @Provider
    public static class WebApplicationProblemMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException exception) {
            for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof JsonProcessingException json) {
                    return ProblemMappers.toResponse(ofJson(json));
                }
            }
            int status = exception.getResponse().getStatus();
            Response.Status known = Response.Status.fromStatusCode(status);
            String title = known == null ? "HTTP " + status : known.getReasonPhrase();
            return ProblemMappers.toResponse(Problem.of(status, "http-" + status, title, title));
        }
    }

    /** A number in a request that is not a phone number; the message names the field, never the number. */
    @Provider
    public static class InvalidPhoneNumberProblemMapper
            implements ExceptionMapper<PhoneNumbers.InvalidPhoneNumberException> {
        @Override
        public Response toResponse(PhoneNumbers.InvalidPhoneNumberException exception) {
            return ProblemMappers.toResponse(Problem.invalidRequest(exception.getMessage()));
        }
    }

    /** Bodies that are not JSON at all. */
    @Provider
    public static class JsonProblemMapper implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException exception) {
            return ProblemMappers.toResponse(ofJson(exception));
        }
    }

    /** Fields of the wrong type, or missing (more specific than the framework's own mapper, so it wins). */
    @Provider
    public static class MismatchedInputProblemMapper implements ExceptionMapper<MismatchedInputException> {
        @Override
        public Response toResponse(MismatchedInputException exception) {
            return ProblemMappers.toResponse(ofJson(exception));
        }
    }

    /**
     * The last line of the input rules: a value PostgreSQL refuses as data (SQLSTATE class 22: a character it cannot
     * store, a number or date out of its range) is the request's fault, not the server's.
     */
    @Provider
    public static class DataExceptionProblemMapper implements ExceptionMapper<PgException> {
        @Override
        public Response toResponse(PgException exception) {
            String state = exception.getSqlState() == null ? "" : exception.getSqlState();
            if (state.startsWith("22")) {
                return ProblemMappers.toResponse(Problem.invalidRequest(
                        "a value cannot be stored: a character, number or date outside what the mesh accepts"));
            }
            // 08 connection, 53 insufficient resources, 57 shutting down or starting up: the database is unavailable
            if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57")) {
                return unavailable();
            }
            LOG.error("a database error", exception);
            return ProblemMappers.toResponse(
                    Problem.of(500, "internal-error", "Internal error", "the request could not be completed"));
        }
    }

    /** The database (or another service the request needs) cannot be reached: try again shortly, 503 not 500. */
    @Provider
    public static class UnreachableProblemMapper implements ExceptionMapper<java.net.ConnectException> {
        @Override
        public Response toResponse(java.net.ConnectException exception) {
            return unavailable();
        }
    }

    static Response unavailable() {
        return Response.fromResponse(ProblemMappers.toResponse(Problem.of(
                        503,
                        "unavailable",
                        "Service unavailable",
                        "a store the request needs is unavailable; try again shortly")))
                .header("Retry-After", 5)
                .build();
    }

    /**
     * A value refused by a contract's constructor in a resource (a tenant id, a phone number, a window built from the
     * request): the mesh's records throw this for invalid input, so it is the request's fault. Its message names the
     * rule; the problem keeps at most a short excerpt of it.
     */
    @Provider
    public static class IllegalArgumentProblemMapper implements ExceptionMapper<IllegalArgumentException> {
        @Override
        public Response toResponse(IllegalArgumentException exception) {
            return ProblemMappers.toResponse(Problem.invalidRequest(exception.getMessage()));
        }
    }

    /** Values our request records reject in their constructors. */
    @Provider
    public static class InvalidValueProblemMapper implements ExceptionMapper<ValueInstantiationException> {
        @Override
        public Response toResponse(ValueInstantiationException exception) {
            return ProblemMappers.toResponse(ofJson(exception));
        }
    }
}
