package io.biometriccore.audit.internal;

import io.biometriccore.audittools.MerkleTree;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * RFC 9162 §2.1.3 inclusion and §2.1.4 consistency proofs from stored perfect-subtree roots rather
 * than from every leaf. Each hash of a proof is the root of a range of leaves {@code D[a:b]}; the
 * algorithms of §2.1.3.1 and §2.1.4.1 only ask for ranges that are either a perfect subtree (one
 * stored node) or a right edge of the tree, whose root is composed from the perfect subtrees of its
 * binary decomposition. A proof therefore needs O(log n) nodes, all read at once.
 */
public final class StoredTreeProofs {

    private StoredTreeProofs() {
    }

    /** The ranges of leaves {@code [from, to)} whose roots make up a proof, in proof order. */
    private record Range(long from, long to) {
    }

    /**
     * §2.1.3.1 {@code PATH(m, D[0:n])}.
     *
     * @param nodes reads the hashes of the requested nodes; it is called once
     */
    public static List<byte[]> inclusion(long index, long size, Function<Set<TreeNode>, Map<TreeNode, byte[]>> nodes) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
        }
        List<Range> ranges = new ArrayList<>();
        path(index, 0, size, ranges);
        return hashes(ranges, nodes);
    }

    /**
     * §2.1.4.1 {@code PROOF(m, D[0:n])}.
     *
     * @param nodes reads the hashes of the requested nodes; it is called once
     */
    public static List<byte[]> consistency(long first, long second,
            Function<Set<TreeNode>, Map<TreeNode, byte[]>> nodes) {
        if (first < 1 || first > second) {
            throw new IllegalArgumentException("no consistency proof from " + first + " to " + second);
        }
        List<Range> ranges = new ArrayList<>();
        if (first < second) {
            subproof(first, 0, second, true, ranges);
        }
        return hashes(ranges, nodes);
    }

    private static void path(long m, long from, long to, List<Range> out) {
        long n = to - from;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(m, from, from + k, out);
            out.add(new Range(from + k, to));
        } else {
            path(m - k, from + k, to, out);
            out.add(new Range(from, from + k));
        }
    }

    private static void subproof(long m, long from, long to, boolean complete, List<Range> out) {
        long n = to - from;
        if (m == n) {
            if (!complete) {
                out.add(new Range(from, to));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, from, from + k, complete, out);
            out.add(new Range(from + k, to));
        } else {
            subproof(m - k, from + k, to, false, out);
            out.add(new Range(from, from + k));
        }
    }

    private static List<byte[]> hashes(List<Range> ranges, Function<Set<TreeNode>, Map<TreeNode, byte[]>> nodes) {
        Set<TreeNode> wanted = new LinkedHashSet<>();
        ranges.forEach(range -> decompose(range.from(), range.to(), wanted));
        Map<TreeNode, byte[]> read = wanted.isEmpty() ? Map.of() : nodes.apply(wanted);
        return ranges.stream().map(range -> root(range.from(), range.to(), read)).toList();
    }

    /** The perfect subtrees whose roots compose {@code MTH(D[from:to])}. */
    private static void decompose(long from, long to, Set<TreeNode> out) {
        long n = to - from;
        if (Long.bitCount(n) == 1 && from % n == 0) {
            out.add(new TreeNode(Long.numberOfTrailingZeros(n), from / n));
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        decompose(from, from + k, out);
        decompose(from + k, to, out);
    }

    /** §2.1.1 {@code MTH(D[from:to])}, from the nodes that {@link #decompose} asked for. */
    private static byte[] root(long from, long to, Map<TreeNode, byte[]> nodes) {
        long n = to - from;
        if (Long.bitCount(n) == 1 && from % n == 0) {
            TreeNode node = new TreeNode(Long.numberOfTrailingZeros(n), from / n);
            byte[] hash = nodes.get(node);
            if (hash == null) {
                throw new IllegalStateException("the tree has no stored node " + node);
            }
            return hash;
        }
        long k = largestPowerOfTwoBelow(n);
        return MerkleTree.nodeHash(root(from, from + k, nodes), root(from + k, to, nodes));
    }

    /** The largest power of two strictly smaller than {@code n} (n at least 2). */
    private static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }
}
