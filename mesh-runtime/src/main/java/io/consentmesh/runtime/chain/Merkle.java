package io.consentmesh.runtime.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The Merkle tree of a checkpoint, shaped like RFC 6962's (certificate transparency): a leaf hashes {@code 0x00} and its
 * text, an inner node {@code 0x01} and its two children; a list of n leaves splits at the largest power of two below
 * n. The prefixes keep a leaf from ever being passed off as an inner node. Pure Java, for verifiers outside the service.
 */
public final class Merkle {

    private Merkle() {}

    /** @param leaves the leaf texts, in their signed order; must not be empty */
    public static String root(List<String> leaves) {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("a checkpoint covers at least one chain head");
        }
        List<byte[]> hashes = new ArrayList<>(leaves.size());
        for (String leaf : leaves) {
            hashes.add(hash((byte) 0, leaf.getBytes(StandardCharsets.UTF_8), null));
        }
        return HexFormat.of().formatHex(subtree(hashes, 0, hashes.size()));
    }

    private static byte[] subtree(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        int split = Integer.highestOneBit(n - 1);
        return hash((byte) 1, subtree(leaves, from, from + split), subtree(leaves, from + split, to));
    }

    private static byte[] hash(byte prefix, byte[] left, byte[] right) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(prefix);
            sha256.update(left);
            if (right != null) {
                sha256.update(right);
            }
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
