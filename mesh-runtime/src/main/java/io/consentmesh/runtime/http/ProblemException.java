package io.consentmesh.runtime.http;

import io.consentmesh.contracts.http.Problem;

/** Thrown by a service to answer with a problem+json; {@link ProblemMappers} writes it. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException invalidRequest(String detail) {
        return new ProblemException(Problem.invalidRequest(detail));
    }
}
