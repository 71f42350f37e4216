package io.consentmesh.consent.authorization.rules;

/** A new rule set whose version, or effective instant, is already taken by a stored one. */
public class RuleSetConflictException extends RuntimeException {

    public RuleSetConflictException(String message) {
        super(message);
    }
}
