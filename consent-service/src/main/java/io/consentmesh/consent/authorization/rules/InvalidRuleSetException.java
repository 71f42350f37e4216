package io.consentmesh.consent.authorization.rules;

import java.util.List;

/** A rule-set document that cannot be used; each error names the field path and the rule it breaks. */
public class InvalidRuleSetException extends RuntimeException {

    private final List<String> errors;

    public InvalidRuleSetException(List<String> errors) {
        super("invalid rule set: " + String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
