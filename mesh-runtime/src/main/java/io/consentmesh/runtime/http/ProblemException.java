package io.consentmesh.runtime.http;

import io.consentmesh.contracts.http.Problem;
import java.time.Duration;
import java.util.Optional;

/** Thrown by a service to answer with a problem+json; {@link ProblemMappers} writes it. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final transient Duration retryAfter;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    /** @param retryAfter when the caller may try again (a Retry-After header), e.g. after a rate limit; may be null */
    public ProblemException(Problem problem, Duration retryAfter) {
        super(problem.detail());
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public Problem problem() {
        return problem;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public static ProblemException invalidRequest(String detail) {
        return new ProblemException(Problem.invalidRequest(detail));
    }
}
