package io.consentmesh.dsar.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.consentmesh.contracts.envelope.EventCodec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What a bundle holds: every file's path, size and SHA-256, who it is for and who signed it. Its exact bytes, as
 * written in the ZIP, are what the Ed25519 signature in {@code manifest.sig} covers, so a verifier needs no
 * canonical form: the public key, the manifest's bytes and the files.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
        String format,
        String bundleId,
        String requestId,
        String tenantId,
        String requestType,
        Instant generatedAt,
        Signer signer,
        List<File> files) {

    public static final String FORMAT = "consent-mesh-dsar-bundle/1";

    /** The key that signed: its id (16 hex digits of SHA-256 over the raw public key) and the public key itself. */
    public record Signer(String algorithm, String keyId, String publicKey) {}

    public record File(String path, long bytes, String sha256) {}

    static List<File> filesOf(Map<String, byte[]> files) {
        return files.entrySet().stream()
                .map(file -> new File(file.getKey(), file.getValue().length, sha256(file.getValue())))
                .toList();
    }

    byte[] bytes() {
        try {
            return EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a manifest is JSON", e);
        }
    }

    static Manifest parse(byte[] json) throws java.io.IOException {
        return EventCodec.mapper().readValue(json, Manifest.class);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
