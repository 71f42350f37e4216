package io.consentmesh.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.contracts.subject.PhoneNumbers;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Every service answers errors as problem+json. These mappers are found by Quarkus because this jar is indexed
 * (META-INF/beans.xml). Details name fields and rules, never request values, so no personal data lands in an error.
 */
public final class ProblemMappers {

    private ProblemMappers() {}

    static Response toResponse(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    /** What was wrong with a JSON body, without echoing it (also for services that read a body themselves). */
    public static Problem ofJson(JsonProcessingException exception) {
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

    /** Values our request records reject in their constructors. */
    @Provider
    public static class InvalidValueProblemMapper implements ExceptionMapper<ValueInstantiationException> {
        @Override
        public Response toResponse(ValueInstantiationException exception) {
            return ProblemMappers.toResponse(ofJson(exception));
        }
    }
}
