package io.consentmesh.privacy.keys;

/**
 * The keys cannot be reached (key store down, key-encryption key missing): the operation fails and is retried, it
 * never proceeds in plaintext. Not the same as an erased subject, whose data simply reads as erased.
 */
public class KeysUnavailableException extends RuntimeException {

    public KeysUnavailableException(String message) {
        super(message);
    }

    public KeysUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
