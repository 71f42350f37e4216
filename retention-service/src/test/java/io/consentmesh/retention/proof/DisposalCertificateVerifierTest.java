package io.consentmesh.retention.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.runtime.chain.ChainHash;
import io.consentmesh.runtime.chain.CheckpointKey;
import io.consentmesh.runtime.chain.Merkle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The offline verifier alone: what it accepts and every way it refuses. */
class DisposalCertificateVerifierTest {

    private final CheckpointKey key = CheckpointKey.fromSeed("dGVzdC1vbmx5LXJldGVudGlvbi1zZWVkLTAxMjM0NTY=");
    private final CheckpointKey otherKey = CheckpointKey.fromSeed("ZGV2LW9ubHktcmV0ZW50aW9uLXNlZWQtMDEyMzQ1Njc=");

    @Test
    void anItemCertificateVerifiesWithItsKeyOnly() {
        DisposalCertificate certificate = signed(item("2026-12-07T10:00:00Z"), key);
        assertThat(DisposalCertificateVerifier.verify(certificate, key.publicKeyBase64())
                        .valid())
                .isTrue();
        assertThat(DisposalCertificateVerifier.verify(certificate, otherKey.publicKeyBase64())
                        .problems())
                .contains("the signature does not match the statement");
        DisposalCertificate edited = new DisposalCertificate(
                certificate.statement().replace("RECORDING", "TELEMETRY"),
                certificate.signature(),
                certificate.keyId(),
                null);
        assertThat(DisposalCertificateVerifier.verify(edited, key.publicKeyBase64())
                        .valid())
                .isFalse();
    }

    @Test
    void aDailyCertificateVerifiesOnlyWithExactlyTheItemsItsRootCovers() {
        List<String> items = List.of(item("2026-12-07T10:00:00Z"), item("2026-12-07T23:59:59Z"));
        Map<String, Object> day = new TreeMap<>();
        day.put("type", DisposalCertificates.DAY);
        day.put("tenantId", "acme");
        day.put("day", "2026-12-07");
        day.put("items", 2);
        day.put("merkleRoot", Merkle.root(items));
        String statement = ChainHash.json(day);
        DisposalCertificate certificate = new DisposalCertificate(
                statement, key.sign(statement.getBytes(StandardCharsets.UTF_8)), key.keyId(), items);
        assertThat(DisposalCertificateVerifier.verify(certificate, key.publicKeyBase64())
                        .valid())
                .isTrue();

        DisposalCertificate oneLeftOut =
                new DisposalCertificate(statement, certificate.signature(), key.keyId(), items.subList(0, 1));
        assertThat(DisposalCertificateVerifier.verify(oneLeftOut, key.publicKeyBase64())
                        .problems())
                .contains("the listed item statements do not make the signed Merkle root");
        DisposalCertificate reordered = new DisposalCertificate(
                statement, certificate.signature(), key.keyId(), List.of(items.get(1), items.get(0)));
        assertThat(DisposalCertificateVerifier.verify(reordered, key.publicKeyBase64())
                        .valid())
                .isFalse();
    }

    @Test
    void somethingThatIsNotACertificateIsRefused() {
        String statement = "{\"type\":\"consent-mesh ledger checkpoint v1\"}";
        DisposalCertificate checkpoint = new DisposalCertificate(
                statement, key.sign(statement.getBytes(StandardCharsets.UTF_8)), key.keyId(), null);
        assertThat(DisposalCertificateVerifier.verify(checkpoint, key.publicKeyBase64())
                        .problems())
                .anyMatch(problem -> problem.startsWith("not a disposal certificate"));
        assertThat(DisposalCertificateVerifier.verify(
                                new DisposalCertificate(null, null, null, null), key.publicKeyBase64())
                        .valid())
                .isFalse();
    }

    private static String item(String settledAt) {
        return DisposalCertificates.statement(new SettledItem(
                UUID.randomUUID(),
                "acme",
                "a".repeat(64),
                "RECORDING",
                "twilio",
                "Accounts/AC1/Recordings/RE1",
                Instant.parse("2026-09-01T10:00:00Z"),
                Instant.parse("2026-11-30T10:00:00Z"),
                "RETENTION_PERIOD_ENDED",
                "cmd-1",
                "DELETE",
                "DELETED",
                "agent-1",
                Instant.parse(settledAt).minusSeconds(1),
                Instant.parse(settledAt)));
    }

    private static DisposalCertificate signed(String statement, CheckpointKey key) {
        return DisposalCertificate.ofItem(statement, key.sign(statement.getBytes(StandardCharsets.UTF_8)), key.keyId());
    }
}
