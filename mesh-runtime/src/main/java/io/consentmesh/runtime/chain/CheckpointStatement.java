package io.consentmesh.runtime.chain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * What a checkpoint of a chained log signs: one tenant's chain heads (sorted by subject, as Merkle leaves
 * {@code subjectId|length|headHash}), their root, the previous checkpoint's root and the checkpoint's place in the
 * tenant's sequence. The statement is plain text so an auditor can rebuild it with any tool:
 *
 * <pre>
 * consent-mesh ledger checkpoint v1
 * tenant=acme
 * sequence=7
 * created=2026-11-25T10:00:00.123456Z
 * previous=&lt;hex root of checkpoint 6, or "none"&gt;
 * root=&lt;hex Merkle root&gt;
 * heads=42
 * </pre>
 *
 * The first line names the log and the statement's version; the evidence ledger's is {@link #LEDGER}.
 */
public record CheckpointStatement(
        String title, String tenantId, long sequence, Instant createdAt, String previousRoot, List<Head> heads) {

    /** The title of the consent evidence ledger's checkpoints. */
    public static final String LEDGER = "consent-mesh ledger checkpoint v1";

    /** A chain's head: its subject, how many records it had and the last one's hash. */
    public record Head(String subjectId, long length, String headHash) {
        String leaf() {
            return subjectId + '|' + length + '|' + headHash;
        }
    }

    public CheckpointStatement {
        heads = heads.stream().sorted(Comparator.comparing(Head::subjectId)).toList();
    }

    /** A checkpoint of the consent evidence ledger. */
    public CheckpointStatement(
            String tenantId, long sequence, Instant createdAt, String previousRoot, List<Head> heads) {
        this(LEDGER, tenantId, sequence, createdAt, previousRoot, heads);
    }

    public String root() {
        return Merkle.root(heads.stream().map(Head::leaf).toList());
    }

    public byte[] bytes() {
        return (title + '\n'
                        + "tenant=" + tenantId + '\n'
                        + "sequence=" + sequence + '\n'
                        + "created=" + createdAt + '\n'
                        + "previous=" + (previousRoot == null ? "none" : previousRoot) + '\n'
                        + "root=" + root() + '\n'
                        + "heads=" + heads.size() + '\n')
                .getBytes(StandardCharsets.UTF_8);
    }
}
