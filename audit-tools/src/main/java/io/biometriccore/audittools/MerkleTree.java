package io.biometriccore.audittools;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree of RFC 9162 §2.1 with SHA-256: leaf hashes {@code H(0x00 || d)}, node hashes
 * {@code H(0x01 || left || right)}, and the split at the largest power of two below the size.
 */
public final class MerkleTree {

    private static final int HASH_BYTES = 32;

    private MerkleTree() {
    }

    /** §2.1.1: {@code MTH({d}) = SHA-256(0x00 || d)}. */
    public static byte[] leafHash(byte[] leafInput) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x00);
        return sha.digest(leafInput);
    }

    /** §2.1.1: {@code SHA-256(0x01 || left || right)}. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x01);
        sha.update(left);
        return sha.digest(right);
    }

    /** §2.1.1: the root of the tree over the first {@code size} leaf hashes; the empty tree is SHA-256(""). */
    public static byte[] root(List<byte[]> leafHashes, int size) {
        if (size == 0) {
            return sha256().digest();
        }
        return subtreeRoot(leafHashes, 0, size);
    }

    /** §2.1.3.1: the inclusion proof (audit path) of leaf {@code index} in the tree of {@code size} leaves. */
    public static List<byte[]> inclusionProof(List<byte[]> leafHashes, int index, int size) {
        if (index < 0 || index >= size || size > leafHashes.size()) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
        }
        List<byte[]> path = new ArrayList<>();
        path(leafHashes, index, 0, size, path);
        return path;
    }

    /** §2.1.4.1: the consistency proof between the trees of {@code first} and {@code second} leaves. */
    public static List<byte[]> consistencyProof(List<byte[]> leafHashes, int first, int second) {
        if (first < 1 || first > second || second > leafHashes.size()) {
            throw new IllegalArgumentException("no consistency proof from " + first + " to " + second);
        }
        List<byte[]> proof = new ArrayList<>();
        if (first < second) {
            subproof(leafHashes, first, 0, second, true, proof);
        }
        return proof;
    }

    /**
     * §2.1.3.2: whether {@code auditPath} proves that {@code leafHash} is leaf {@code leafIndex} of the
     * tree of {@code treeSize} leaves whose root is {@code rootHash}; a path with an element that is
     * not a SHA-256 hash, or of the wrong length for the position, does not.
     */
    public static boolean inclusionVerifies(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> auditPath,
            byte[] rootHash) {
        if (leafIndex < 0 || leafIndex >= treeSize || leafHash.length != HASH_BYTES) {
            return false;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : auditPath) {
            if (sn == 0 || p.length != HASH_BYTES) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, rootHash);
    }

    private static byte[] subtreeRoot(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        int k = largestPowerOfTwoBelow(n);
        return nodeHash(subtreeRoot(leaves, from, from + k), subtreeRoot(leaves, from + k, to));
    }

    private static void path(List<byte[]> leaves, int m, int from, int to, List<byte[]> out) {
        int n = to - from;
        if (n == 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(leaves, m, from, from + k, out);
            out.add(subtreeRoot(leaves, from + k, to));
        } else {
            path(leaves, m - k, from + k, to, out);
            out.add(subtreeRoot(leaves, from, from + k));
        }
    }

    private static void subproof(List<byte[]> leaves, int m, int from, int to, boolean complete, List<byte[]> out) {
        int n = to - from;
        if (m == n) {
            if (!complete) {
                out.add(subtreeRoot(leaves, from, to));
            }
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(leaves, m, from, from + k, complete, out);
            out.add(subtreeRoot(leaves, from + k, to));
        } else {
            subproof(leaves, m - k, from + k, to, false, out);
            out.add(subtreeRoot(leaves, from, from + k));
        }
    }

    /** The largest power of two strictly smaller than {@code n} (n at least 2). */
    static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
