package io.consentmesh.contracts.consent;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import java.time.Instant;
import java.util.List;

/**
 * consent-service signed a checkpoint of one tenant's evidence ledger: a Merkle root over the heads of the chains that
 * grew since the tenant's previous checkpoint, chained to that checkpoint's root and signed with Ed25519. Whoever
 * holds the public key can prove, from the log alone, that the ledger still holds exactly what it held then.
 *
 * @param sequence 1, 2, 3 ... per tenant
 * @param previousRoot the root of checkpoint {@code sequence - 1}; null for the first
 * @param root the Merkle root over {@code heads}, sorted by subject id (see docs/audits.md for the tree)
 * @param heads each chain that grew: its subject, its length and its last record's hash at that moment
 * @param keyId the first 16 hex digits of SHA-256 over the raw public key
 * @param signature base64 Ed25519 signature over the checkpoint statement (see docs/audits.md)
 */
public record LedgerCheckpointSigned(
        long sequence,
        String previousRoot,
        String root,
        List<ChainHead> heads,
        Instant createdAt,
        String keyId,
        String algorithm,
        String signature) {

    /** One chain's head as the checkpoint saw it. */
    public record ChainHead(String subjectId, long length, String headHash) {
        public ChainHead {
            text(subjectId, "subjectId");
            text(headHash, "headHash");
        }
    }

    public LedgerCheckpointSigned {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1");
        }
        text(root, "root");
        heads = List.copyOf(value(heads, "heads"));
        value(createdAt, "createdAt");
        text(keyId, "keyId");
        text(algorithm, "algorithm");
        text(signature, "signature");
    }
}
