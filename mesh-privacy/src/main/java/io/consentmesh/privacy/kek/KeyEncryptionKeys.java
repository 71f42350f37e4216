package io.consentmesh.privacy.kek;

/**
 * Wraps and unwraps subjects' data keys with a tenant's key-encryption key. The embedded default is a keystore file
 * ({@link KeystoreKeyEncryptionKeys}); a cloud KMS plugs in by implementing this interface with its Encrypt and Decrypt
 * calls, the tenant and subject passed as the encryption context (see mesh-privacy/README.md).
 *
 * <p>Implementations throw {@link io.consentmesh.privacy.keys.KeysUnavailableException} when the key-encryption key
 * cannot be reached: a write then fails loudly, it never falls back to plaintext.
 */
public interface KeyEncryptionKeys {

    /** The id of the key-encryption key new data keys are wrapped with (a rotation changes it). */
    String currentKekId();

    /** Wraps a data key of {@code tenant}'s {@code subject} with the current key-encryption key. */
    WrappedKey wrap(String tenant, String subject, byte[] dataKey);

    /** The data key, unwrapped with the key-encryption key the wrapped key names. */
    byte[] unwrap(String tenant, String subject, WrappedKey wrapped);
}
