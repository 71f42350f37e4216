package io.consentmesh.runtime.chain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Ed25519 signing and verification of checkpoint statements. Keys are raw 32-byte values in base64 (the private key
 * is its seed), the form most key stores and {@code openssl pkey -outform DER | tail -c 32} give. Pure Java: the
 * verifiers use {@link #verify} with nothing but the published public key.
 */
public final class CheckpointKey {

    public static final String ALGORITHM = "Ed25519";

    private final Ed25519PrivateKeyParameters privateKey;
    private final byte[] publicKey;

    private CheckpointKey(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = privateKey.generatePublicKey().getEncoded();
    }

    /** @param seedBase64 the raw 32-byte private key, base64 */
    public static CheckpointKey fromSeed(String seedBase64) {
        byte[] seed;
        try {
            seed = Base64.getDecoder().decode(seedBase64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the checkpoint signing key is not base64");
        }
        if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("the checkpoint signing key must be 32 bytes (an Ed25519 seed)");
        }
        return new CheckpointKey(new Ed25519PrivateKeyParameters(seed, 0));
    }

    public String sign(byte[] statement) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(statement, 0, statement.length);
        return Base64.getEncoder().encodeToString(signer.generateSignature());
    }

    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey);
    }

    public String keyId() {
        return keyIdOf(publicKey);
    }

    /** The first 16 hex digits of SHA-256 over the raw public key. */
    public static String keyIdOf(byte[] publicKey) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** @return whether {@code signatureBase64} is a valid signature of {@code statement} by {@code publicKeyBase64} */
    public static boolean verify(String publicKeyBase64, byte[] statement, String signatureBase64) {
        try {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(
                    false, new Ed25519PublicKeyParameters(Base64.getDecoder().decode(publicKeyBase64), 0));
            verifier.update(statement, 0, statement.length);
            return verifier.verifySignature(Base64.getDecoder().decode(signatureBase64));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException malformed) {
            return false;
        }
    }
}
