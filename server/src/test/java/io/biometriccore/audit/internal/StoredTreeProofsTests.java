package io.biometriccore.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biometriccore.audittools.Frontier;
import io.biometriccore.audittools.MerkleTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Proofs from stored nodes, as the sealer stores them (a {@link Frontier}'s completed subtrees), equal
 * the in-memory reference {@link MerkleTree}'s for every tree size up to {@link #MAX}, every leaf and
 * every earlier size, and read few nodes in one go.
 */
class StoredTreeProofsTests {

    private static final int MAX = 130;

    /** The nodes the sealer would have stored by a size, and how the proofs read them. */
    private static final class Store implements Function<Set<TreeNode>, Map<TreeNode, byte[]>> {
        final Map<TreeNode, byte[]> nodes = new HashMap<>();
        final List<Set<TreeNode>> reads = new ArrayList<>();

        @Override
        public Map<TreeNode, byte[]> apply(Set<TreeNode> wanted) {
            reads.add(wanted);
            Map<TreeNode, byte[]> found = new HashMap<>();
            wanted.stream().filter(nodes::containsKey).forEach(n -> found.put(n, nodes.get(n)));
            return found;
        }
    }

    @Test
    void inclusionProofsEqualTheReferenceForEveryLeafOfEverySize() {
        Store store = new Store();
        List<byte[]> leaves = List.of();
        for (int size = 1; size <= MAX; size++) {
            leaves = grow(store, size, leaves);
            for (int index = 0; index < size; index++) {
                int m = index;
                int n = size;
                assertSameProof(store, n, () -> StoredTreeProofs.inclusion(m, n, store),
                        MerkleTree.inclusionProof(leaves, m, n), "leaf " + m + " of " + n);
            }
        }
    }

    @Test
    void consistencyProofsEqualTheReferenceForEveryPairOfSizes() {
        Store store = new Store();
        List<byte[]> leaves = List.of();
        for (int second = 1; second <= MAX; second++) {
            leaves = grow(store, second, leaves);
            for (int first = 1; first <= second; first++) {
                int m = first;
                int n = second;
                assertSameProof(store, n, () -> StoredTreeProofs.consistency(m, n, store),
                        MerkleTree.consistencyProof(leaves, m, n), m + " to " + n);
            }
        }
    }

    @Test
    void aMissingStoredNodeIsAnErrorNotAWrongProof() {
        Store store = new Store();
        grow(store, 4, List.of());
        store.nodes.remove(new TreeNode(1, 1));

        assertThatThrownBy(() -> StoredTreeProofs.inclusion(0, 4, store)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TreeNode[level=1, index=1]");
    }

    @Test
    void rejectsProofsOutsideTheTree() {
        Store store = new Store();

        assertThatThrownBy(() -> StoredTreeProofs.inclusion(3, 3, store)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoredTreeProofs.inclusion(-1, 3, store)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoredTreeProofs.consistency(0, 3, store)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoredTreeProofs.consistency(4, 3, store)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Appends leaves until there are {@code size}, storing each leaf at level 0 and every node a
     * {@link Frontier} completes, as the sealer does.
     */
    private static List<byte[]> grow(Store store, int size, List<byte[]> leaves) {
        Frontier frontier = Frontier.empty();
        List<byte[]> grown = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            byte[] leaf = i < leaves.size() ? leaves.get(i)
                    : MerkleTree.leafHash(("event " + i).getBytes(StandardCharsets.UTF_8));
            grown.add(leaf);
            store.nodes.put(new TreeNode(0, i), leaf);
            List<byte[]> completed = frontier.append(leaf);
            for (int level = 1; level <= completed.size(); level++) {
                store.nodes.put(new TreeNode(level, (frontier.size() >> level) - 1), completed.get(level - 1));
            }
        }
        return grown;
    }

    /** The proof equals the reference's, and read at most {@link #nodeBound} nodes, in one go. */
    private static void assertSameProof(Store store, int size, Supplier<List<byte[]>> proof, List<byte[]> reference,
            String description) {
        store.reads.clear();

        assertThat(proof.get()).as(description).containsExactlyElementsOf(reference);
        assertThat(store.reads).as(description).hasSizeLessThanOrEqualTo(1);
        store.reads.forEach(read -> assertThat(read).as(description).hasSizeLessThanOrEqualTo(nodeBound(size)));
    }

    /** A proof has at most ⌈log2 n⌉ hashes, and one of them composes at most as many perfect subtrees. */
    private static int nodeBound(int size) {
        int log = 64 - Long.numberOfLeadingZeros(size - 1L);
        return 2 * log;
    }
}
