package io.consentmesh.consent.registry.imports;

/** A provider object that cannot be mapped: a required field is missing, or a status is unknown. */
public class InvalidProviderObjectException extends RuntimeException {

    public InvalidProviderObjectException(String message) {
        super(message);
    }
}
