package io.biometriccore.audittools;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The right edge of an RFC 9162 tree: the roots of its perfect subtrees, largest first, one per set
 * bit of the size. Appending a leaf and computing the root need only this, not every leaf, so sealing
 * a batch costs O(batch × log size).
 */
public final class Frontier {

    private final List<byte[]> roots;
    private long size;

    private Frontier(List<byte[]> roots, long size) {
        this.roots = roots;
        this.size = size;
        if (roots.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException("a frontier of size " + size + " has " + Long.bitCount(size) + " roots");
        }
    }

    public static Frontier empty() {
        return new Frontier(new ArrayList<>(), 0);
    }

    /** Parses {@link #encode()}. */
    public static Frontier decode(long size, String encoded) {
        List<byte[]> roots = new ArrayList<>();
        if (!encoded.isEmpty()) {
            for (String part : encoded.split(",")) {
                roots.add(Base64.getUrlDecoder().decode(part));
            }
        }
        return new Frontier(roots, size);
    }

    public String encode() {
        return String.join(",", roots.stream().map(r -> Base64.getUrlEncoder().withoutPadding().encodeToString(r)).toList());
    }

    public long size() {
        return size;
    }

    /**
     * Appends a leaf and answers the roots of the perfect subtrees it completes, from level 1 (two
     * leaves) up: the root at list position {@code l - 1} is the node of level {@code l} with index
     * {@code size() / 2^l - 1}, covering the last {@code 2^l} leaves. A store of these nodes holds
     * every perfect subtree of the tree, which is all that proofs need.
     */
    public List<byte[]> append(byte[] leafHash) {
        Objects.requireNonNull(leafHash, "leafHash");
        roots.add(leafHash);
        size++;
        List<byte[]> completed = new ArrayList<>();
        // Merge equal-sized subtrees: as many merges as trailing one bits of the old size.
        for (long carried = size; (carried & 1) == 0; carried >>= 1) {
            byte[] right = roots.removeLast();
            byte[] left = roots.removeLast();
            byte[] node = MerkleTree.nodeHash(left, right);
            roots.add(node);
            completed.add(node);
        }
        return completed;
    }

    /** The tree's root, equal to {@link MerkleTree#root} over all leaves appended. */
    public byte[] root() {
        if (roots.isEmpty()) {
            return MerkleTree.sha256().digest();
        }
        byte[] root = roots.getLast();
        for (int i = roots.size() - 2; i >= 0; i--) {
            root = MerkleTree.nodeHash(roots.get(i), root);
        }
        return root;
    }
}
