package io.consentmesh.dsar.bundle;

import io.consentmesh.runtime.chain.CheckpointKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies a bundle offline with nothing but the ZIP and dsar-service's public key (taken from the operator, or
 * {@code GET /v1/dsar/bundle-signing-key}): the manifest's signature, that the manifest names the trusted key, and
 * that every file is there with its size and hash and nothing else is. {@code deploy/audit/verify-bundle.sh} runs it.
 */
public final class BundleVerifier {

    /** @param problems empty when the bundle is valid */
    public record Report(boolean valid, int files, List<String> problems) {}

    private BundleVerifier() {}

    public static Report verify(byte[] zip, String trustedPublicKeyBase64) {
        Map<String, byte[]> entries;
        try {
            entries = BundleZip.read(zip);
        } catch (IOException e) {
            return invalid("not a readable bundle: " + e.getMessage());
        }
        byte[] manifestBytes = entries.get(BundleZip.MANIFEST);
        byte[] signature = entries.get(BundleZip.SIGNATURE);
        if (manifestBytes == null || signature == null) {
            return invalid("the bundle has no " + BundleZip.MANIFEST + " or no " + BundleZip.SIGNATURE);
        }
        if (!CheckpointKey.verify(
                trustedPublicKeyBase64, manifestBytes, new String(signature, StandardCharsets.UTF_8).trim())) {
            return invalid("the manifest's signature does not verify with the trusted public key");
        }
        Manifest manifest;
        try {
            manifest = Manifest.parse(manifestBytes);
        } catch (IOException e) {
            return invalid("the manifest is not readable: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        String trustedKeyId = CheckpointKey.keyIdOf(Base64.getDecoder().decode(trustedPublicKeyBase64.trim()));
        if (manifest.signer() == null || !trustedKeyId.equals(manifest.signer().keyId())) {
            problems.add("the manifest names another signing key than the trusted one");
        }
        if (!Manifest.FORMAT.equals(manifest.format())) {
            problems.add("unknown bundle format " + manifest.format());
        }
        Set<String> listed = new HashSet<>(Set.of(BundleZip.MANIFEST, BundleZip.SIGNATURE));
        List<Manifest.File> files = manifest.files() == null ? List.of() : manifest.files();
        for (Manifest.File file : files) {
            listed.add(file.path());
            byte[] content = entries.get(file.path());
            if (content == null) {
                problems.add(file.path() + " is listed but missing");
            } else if (content.length != file.bytes()
                    || !Manifest.sha256(content).equals(file.sha256())) {
                problems.add(file.path() + " differs from the manifest (changed after signing)");
            }
        }
        entries.keySet().stream()
                .filter(path -> !listed.contains(path))
                .forEach(path -> problems.add(path + " is in the bundle but not in the manifest"));
        return new Report(problems.isEmpty(), files.size(), List.copyOf(problems));
    }

    private static Report invalid(String why) {
        return new Report(false, 0, List.of(why));
    }

    /** {@code BundleVerifier <bundle.zip>} with MESH_DSAR_BUNDLE_PUBLIC_KEY set: exit 0 valid, 1 invalid, 2 unusable. */
    public static void main(String[] args) {
        String key = System.getenv("MESH_DSAR_BUNDLE_PUBLIC_KEY");
        if (args.length != 1 || key == null || key.isBlank()) {
            System.err.println("usage: MESH_DSAR_BUNDLE_PUBLIC_KEY=<base64> BundleVerifier <bundle.zip>");
            System.exit(2);
        }
        byte[] zip;
        try {
            zip = Files.readAllBytes(Path.of(args[0]));
        } catch (IOException e) {
            System.err.println("cannot read " + args[0] + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        Report report;
        try {
            report = verify(zip, key);
        } catch (IllegalArgumentException notAKey) {
            System.err.println("MESH_DSAR_BUNDLE_PUBLIC_KEY is not a base64 Ed25519 public key");
            System.exit(2);
            return;
        }
        if (report.valid()) {
            System.out.println(
                    "VALID: the manifest is signed by the trusted key and all " + report.files() + " files match it");
            System.exit(0);
        }
        System.out.println("INVALID:");
        report.problems().forEach(problem -> System.out.println("  " + problem));
        System.exit(1);
    }
}
