package io.consentmesh.retention.proof;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentmesh.runtime.chain.CheckpointKey;
import io.consentmesh.runtime.chain.Merkle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Verifies a disposal certificate offline, with nothing but the file the API served and the retention service's
 * public key: the Ed25519 signature over the statement's exact text, and for a daily certificate the Merkle root
 * recomputed from the item statements it lists (and each of those is an item certificate's statement for that
 * tenant and day). Run it with {@code deploy/audit/verify-disposal.sh}.
 *
 * <pre>
 * DisposalCertificateVerifier certificate.json   (public key, base64, from RETENTION_SIGNING_PUBLIC_KEY)
 * </pre>
 *
 * Exits 0 when the certificate verifies, 1 when it does not, 2 on bad usage.
 */
public final class DisposalCertificateVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a verification found: whether it holds and, when not, why. */
    public record Verdict(boolean valid, List<String> problems) {}

    private DisposalCertificateVerifier() {}

    public static void main(String[] args) throws IOException {
        String publicKey = System.getenv("RETENTION_SIGNING_PUBLIC_KEY");
        if (args.length != 1 || publicKey == null || publicKey.isBlank()) {
            System.err.println(
                    "usage: RETENTION_SIGNING_PUBLIC_KEY=<base64> DisposalCertificateVerifier <certificate.json>");
            System.exit(2);
        }
        DisposalCertificate certificate = JSON.readValue(Files.readString(Path.of(args[0])), DisposalCertificate.class);
        Verdict verdict = verify(certificate, publicKey);
        if (verdict.valid()) {
            System.out.println("valid: " + certificate.statement());
        } else {
            verdict.problems().forEach(problem -> System.out.println("INVALID: " + problem));
        }
        System.exit(verdict.valid() ? 0 : 1);
    }

    public static Verdict verify(DisposalCertificate certificate, String publicKeyBase64) {
        List<String> problems = new ArrayList<>();
        if (certificate.statement() == null || certificate.signature() == null) {
            return new Verdict(false, List.of("the certificate has no statement or no signature"));
        }
        if (!CheckpointKey.keyIdOf(java.util.Base64.getDecoder().decode(publicKeyBase64.trim()))
                .equals(certificate.keyId())) {
            problems.add("signed by key " + certificate.keyId() + ", not by the key given");
        }
        if (!CheckpointKey.verify(
                publicKeyBase64, certificate.statement().getBytes(StandardCharsets.UTF_8), certificate.signature())) {
            problems.add("the signature does not match the statement");
        }
        Map<String, Object> statement = parse(certificate.statement(), problems);
        if (DisposalCertificates.DAY.equals(statement.get("type"))) {
            verifyDay(certificate, statement, problems);
        } else if (!DisposalCertificates.ITEM.equals(statement.get("type"))) {
            problems.add("not a disposal certificate: type " + statement.get("type"));
        }
        return new Verdict(problems.isEmpty(), List.copyOf(problems));
    }

    private static void verifyDay(
            DisposalCertificate certificate, Map<String, Object> statement, List<String> problems) {
        List<String> items = certificate.items() == null ? List.of() : certificate.items();
        if (!Integer.valueOf(items.size()).equals(statement.get("items"))) {
            problems.add("the statement covers " + statement.get("items") + " items; " + items.size() + " are listed");
        }
        if (items.isEmpty() || !Merkle.root(items).equals(statement.get("merkleRoot"))) {
            problems.add("the listed item statements do not make the signed Merkle root");
        }
        for (String item : items) {
            Map<String, Object> itemStatement = parse(item, problems);
            if (!DisposalCertificates.ITEM.equals(itemStatement.get("type"))
                    || !statement.get("tenantId").equals(itemStatement.get("tenantId"))
                    || !String.valueOf(itemStatement.get("settledAt")).startsWith(statement.get("day") + "T")) {
                problems.add("a listed statement is not an item certificate of that tenant and day");
                return;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json, List<String> problems) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (IOException e) {
            problems.add("a statement is not JSON");
            return Map.of();
        }
    }
}
