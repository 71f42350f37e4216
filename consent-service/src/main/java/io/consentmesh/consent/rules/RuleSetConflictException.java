package io.consentmesh.consent.rules;

/** A new rule set whose version, or effective instant, is already taken by a stored one. */
public class RuleSetConflictException extends RuntimeException {

    public RuleSetConflictException(String message) {
        super(message);
    }
}
