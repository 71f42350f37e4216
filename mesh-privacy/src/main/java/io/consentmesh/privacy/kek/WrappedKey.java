package io.consentmesh.privacy.kek;

/** A data key as stored: wrapped (encrypted) by the key-encryption key {@code kekId}. */
public record WrappedKey(String kekId, byte[] bytes) {}
