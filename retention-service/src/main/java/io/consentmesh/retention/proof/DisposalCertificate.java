package io.consentmesh.retention.proof;

import java.util.List;

/**
 * A signed statement, as served to auditors: the statement's exact text (canonical JSON), its Ed25519 signature
 * (base64) and the id of the key that made it. A daily certificate also lists the item statements its Merkle root
 * covers, in order, so that it verifies offline with nothing else.
 */
public record DisposalCertificate(String statement, String signature, String keyId, List<String> items) {

    public static DisposalCertificate ofItem(String statement, String signature, String keyId) {
        return new DisposalCertificate(statement, signature, keyId, null);
    }
}
