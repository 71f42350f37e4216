package io.consentmesh.consent.evidence.integrity;

import io.consentmesh.consent.evidence.integrity.ChainBreak.Kind;
import io.consentmesh.runtime.chain.CheckpointKey;
import io.consentmesh.runtime.chain.CheckpointStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Verifies signed checkpoints, wherever they were read from (the database or {@code consent.evidence.v1}): each
 * tenant's checkpoints must be numbered 1, 2, 3 ..., each must name its predecessor's root, its root must be the
 * Merkle root of its heads, and its signature must verify with the auditor's public key. A checkpoint that passes pins
 * its heads: a chain that no longer has that hash at that length was rewritten, even if its own links are consistent.
 * Pure Java.
 */
public final class CheckpointCheck {

    /** A checkpoint as stored or published. */
    public record SignedCheckpoint(
            String tenantId,
            long sequence,
            Instant createdAt,
            String previousRoot,
            String root,
            String signature,
            List<CheckpointStatement.Head> heads) {

        CheckpointStatement statement() {
            return new CheckpointStatement(tenantId, sequence, createdAt, previousRoot, heads);
        }

        String name() {
            return "checkpoint " + tenantId + "/" + sequence;
        }
    }

    /** A head a valid checkpoint signed for, to be found in the chain. */
    public record SignedHead(long sequence, long length, String headHash) {}

    private CheckpointCheck() {}

    /**
     * @param checkpoints one tenant's checkpoints, in any order
     * @return the first break in the tenant's checkpoint sequence, if any
     */
    public static List<ChainBreak> verifyTenant(String publicKey, List<SignedCheckpoint> checkpoints) {
        List<SignedCheckpoint> ordered = checkpoints.stream()
                .sorted(Comparator.comparingLong(SignedCheckpoint::sequence))
                .toList();
        String previousRoot = null;
        long expected = 1;
        for (SignedCheckpoint checkpoint : ordered) {
            String problem = null;
            String expectedValue = null;
            String actual = null;
            if (checkpoint.sequence() != expected) {
                problem = "a checkpoint is missing from the tenant's sequence";
                expectedValue = "sequence " + expected;
                actual = "sequence " + checkpoint.sequence();
            } else if (!Objects.equals(previousRoot, checkpoint.previousRoot())) {
                problem = "the checkpoint does not chain to its predecessor";
                expectedValue = String.valueOf(previousRoot);
                actual = String.valueOf(checkpoint.previousRoot());
            } else if (!checkpoint.statement().root().equals(checkpoint.root())) {
                problem = "the stored root is not the Merkle root of the checkpoint's heads";
                expectedValue = checkpoint.statement().root();
                actual = checkpoint.root();
            } else if (publicKey == null
                    || !CheckpointKey.verify(publicKey, checkpoint.statement().bytes(), checkpoint.signature())) {
                problem = publicKey == null
                        ? "no public key was given to verify the signature with"
                        : "the signature does not verify with the public key";
                expectedValue = "a valid Ed25519 signature";
                actual = checkpoint.signature();
            }
            if (problem != null) {
                return List.of(new ChainBreak(
                        checkpoint.tenantId(),
                        null,
                        Kind.CHECKPOINT_INVALID,
                        checkpoint.name(),
                        expectedValue,
                        actual,
                        problem));
            }
            previousRoot = checkpoint.root();
            expected++;
        }
        return List.of();
    }

    /**
     * @param chain the subject's record hashes in chain order, as walked
     * @return the first signed head the chain no longer matches, if any
     */
    public static List<ChainBreak> verifyHeads(
            String tenant, String subject, List<String> chain, List<SignedHead> signedHeads) {
        List<SignedHead> ordered = new ArrayList<>(signedHeads);
        ordered.sort(Comparator.comparingLong(SignedHead::sequence));
        for (SignedHead head : ordered) {
            String found = head.length() <= chain.size() ? chain.get((int) head.length() - 1) : null;
            if (!head.headHash().equals(found)) {
                return List.of(new ChainBreak(
                        tenant,
                        subject,
                        Kind.NOT_AS_CHECKPOINTED,
                        "checkpoint " + tenant + "/" + head.sequence(),
                        "record " + head.length() + " hashing to " + head.headHash(),
                        found == null ? "the chain has " + chain.size() + " records" : found,
                        "the chain differs from what a signed checkpoint saw: records were rewritten or removed"));
            }
        }
        return List.of();
    }
}
