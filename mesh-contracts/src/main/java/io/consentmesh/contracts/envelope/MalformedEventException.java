package io.consentmesh.contracts.envelope;

/**
 * An event that can never be applied however often it is retried (bad JSON, unknown type, a missing field). Consumers
 * send it to their dead-letter topic with {@link #getMessage()} as the reason and move on.
 */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String reason) {
        super(reason);
    }

    public MalformedEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
