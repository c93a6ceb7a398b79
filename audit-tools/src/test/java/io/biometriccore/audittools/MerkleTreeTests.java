package io.biometriccore.audittools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link MerkleTree} and {@link Frontier} against {@link Rfc9162Verifier}, a verifier written from
 * RFC 9162 that shares no code with them: every proof of every tree up to {@value #MAX} leaves
 * verifies, and tampered ones do not.
 */
class MerkleTreeTests {

    private static final int MAX = 70;
    private static final HexFormat HEX = HexFormat.of();

    /** Distinct leaf inputs {@code d(0)..d(MAX-1)}. */
    private static final List<byte[]> INPUTS = IntStream.range(0, MAX)
            .mapToObj(i -> ("audit leaf " + i).getBytes(StandardCharsets.UTF_8)).toList();
    private static final List<byte[]> LEAVES = INPUTS.stream().map(Rfc9162Verifier::leafHash).toList();
    /** {@code ROOTS.get(n)}: the independently computed root of the first n leaves. */
    private static final List<byte[]> ROOTS = IntStream.rangeClosed(0, MAX)
            .mapToObj(n -> Rfc9162Verifier.root(INPUTS.subList(0, n))).toList();

    @Test
    void theEmptyTreeHasTheHashOfTheEmptyStringAsItsRoot() {
        String sha256OfNothing = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

        assertThat(HEX.formatHex(MerkleTree.root(List.of(), 0))).isEqualTo(sha256OfNothing);
        assertThat(HEX.formatHex(Frontier.empty().root())).isEqualTo(sha256OfNothing);
        assertThat(HEX.formatHex(Rfc9162Verifier.root(List.of()))).isEqualTo(sha256OfNothing);
    }

    @Test
    void leafAndNodeHashesCarryTheDomainSeparationPrefixes() {
        byte[] left = LEAVES.get(0);
        byte[] right = LEAVES.get(1);

        assertThat(MerkleTree.leafHash(INPUTS.get(0))).isEqualTo(Rfc9162Verifier.leafHash(INPUTS.get(0)));
        assertThat(MerkleTree.nodeHash(left, right)).isEqualTo(Rfc9162Verifier.nodeHash(left, right));
        assertThat(MerkleTree.nodeHash(left, right)).isNotEqualTo(MerkleTree.nodeHash(right, left));
        assertThat(MerkleTree.leafHash(new byte[0])).isNotEqualTo(MerkleTree.root(List.of(), 0));
    }

    @Test
    void rootsMatchTheCertificateTransparencyReferenceTree() {
        List<byte[]> leaves = ctReferenceInputs().stream().map(MerkleTree::leafHash).toList();
        List<String> roots = List.of(
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
                "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
                "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
                "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

        for (int n = 1; n <= 8; n++) {
            assertThat(HEX.formatHex(MerkleTree.root(leaves, n))).as("size %d", n).isEqualTo(roots.get(n - 1));
            assertThat(HEX.formatHex(Rfc9162Verifier.root(ctReferenceInputs().subList(0, n)))).as("size %d", n)
                    .isEqualTo(roots.get(n - 1));
        }
    }

    @Test
    void proofsMatchTheCertificateTransparencyReferenceProofs() {
        List<byte[]> leaves = ctReferenceInputs().stream().map(MerkleTree::leafHash).toList();

        assertThat(hex(MerkleTree.inclusionProof(leaves, 0, 8))).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(hex(MerkleTree.inclusionProof(leaves, 5, 8))).containsExactly(
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertThat(hex(MerkleTree.consistencyProof(leaves, 2, 5))).containsExactly(
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
    }

    @Test
    void theRootOfEverySizeEqualsAnIndependentlyComputedTreeHash() {
        for (int n = 1; n <= MAX; n++) {
            assertThat(MerkleTree.root(LEAVES, n)).as("size %d", n).isEqualTo(ROOTS.get(n));
        }
    }

    @Test
    void everyInclusionProofVerifiesIndependently() {
        for (int n = 1; n <= MAX; n++) {
            byte[] root = MerkleTree.root(LEAVES, n);
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = MerkleTree.inclusionProof(LEAVES, m, n);
                assertThat(Rfc9162Verifier.inclusionVerifies(m, n, LEAVES.get(m), proof, root))
                        .as("leaf %d of %d", m, n).isTrue();
            }
        }
    }

    @Test
    void theProductionInclusionCheckAgreesWithTheIndependentOne() {
        for (int n = 1; n <= MAX; n++) {
            byte[] root = ROOTS.get(n);
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = MerkleTree.inclusionProof(LEAVES, m, n);
                assertThat(MerkleTree.inclusionVerifies(m, n, LEAVES.get(m), proof, root)).as("leaf %d of %d", m, n)
                        .isTrue();
                for (int i = 0; i < proof.size(); i++) {
                    assertThat(MerkleTree.inclusionVerifies(m, n, LEAVES.get(m), flipped(proof, i), root))
                            .as("leaf %d of %d, node %d flipped", m, n, i).isFalse();
                }
                assertThat(MerkleTree.inclusionVerifies(m, n, flip(LEAVES.get(m)), proof, root)).isFalse();
                assertThat(MerkleTree.inclusionVerifies(m, n, LEAVES.get(m), proof, flip(root))).isFalse();
            }
        }
    }

    @Test
    void theProductionInclusionCheckRejectsAPathElementThatIsNotAHash() {
        List<byte[]> proof = new ArrayList<>(MerkleTree.inclusionProof(LEAVES, 3, 8));
        proof.set(1, new byte[31]);

        assertThat(MerkleTree.inclusionVerifies(3, 8, LEAVES.get(3), proof, ROOTS.get(8))).isFalse();
        assertThat(MerkleTree.inclusionVerifies(3, 3, LEAVES.get(3), List.of(), ROOTS.get(3))).isFalse();
    }

    @Test
    void everyConsistencyProofVerifiesIndependently() {
        for (int n = 1; n <= MAX; n++) {
            byte[] second = MerkleTree.root(LEAVES, n);
            for (int m = 1; m <= n; m++) {
                byte[] first = MerkleTree.root(LEAVES, m);
                List<byte[]> proof = MerkleTree.consistencyProof(LEAVES, m, n);
                assertThat(Rfc9162Verifier.consistencyVerifies(m, n, first, second, proof))
                        .as("%d to %d", m, n).isTrue();
            }
        }
    }

    @Test
    void rejectsAnInclusionProofWithAFlippedByte() {
        for (int n = 2; n <= MAX; n++) {
            byte[] root = MerkleTree.root(LEAVES, n);
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = MerkleTree.inclusionProof(LEAVES, m, n);
                for (int i = 0; i < proof.size(); i++) {
                    assertThat(Rfc9162Verifier.inclusionVerifies(m, n, LEAVES.get(m), flipped(proof, i), root))
                            .as("leaf %d of %d, node %d flipped", m, n, i).isFalse();
                }
                assertThat(Rfc9162Verifier.inclusionVerifies(m, n, flip(LEAVES.get(m)), proof, root))
                        .as("leaf %d of %d, leaf hash flipped", m, n).isFalse();
                assertThat(Rfc9162Verifier.inclusionVerifies(m, n, LEAVES.get(m), proof, flip(root)))
                        .as("leaf %d of %d, root flipped", m, n).isFalse();
            }
        }
    }

    @Test
    void rejectsAnInclusionProofAtAnotherIndex() {
        for (int n = 2; n <= MAX; n++) {
            byte[] root = MerkleTree.root(LEAVES, n);
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = MerkleTree.inclusionProof(LEAVES, m, n);
                for (int other = -1; other <= n; other++) {
                    if (other != m) {
                        assertThat(Rfc9162Verifier.inclusionVerifies(other, n, LEAVES.get(m), proof, root))
                                .as("leaf %d of %d claimed at %d", m, n, other).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void rejectsAnInclusionProofAgainstATreeOfAnotherSize() {
        for (int n = 1; n <= MAX; n++) {
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = MerkleTree.inclusionProof(LEAVES, m, n);
                for (int other = 1; other <= MAX; other++) {
                    if (other != n) {
                        assertThat(Rfc9162Verifier.inclusionVerifies(m, other, LEAVES.get(m), proof,
                                ROOTS.get(other))).as("leaf %d of %d against size %d", m, n, other)
                                .isFalse();
                    }
                }
            }
        }
    }

    @Test
    void rejectsTheProofOfAnotherLeaf() {
        for (int n = 2; n <= MAX; n++) {
            byte[] root = MerkleTree.root(LEAVES, n);
            for (int m = 0; m < n; m++) {
                int other = (m + 1) % n;
                List<byte[]> proofOfOther = MerkleTree.inclusionProof(LEAVES, other, n);
                assertThat(Rfc9162Verifier.inclusionVerifies(m, n, LEAVES.get(m), proofOfOther, root))
                        .as("leaf %d of %d with the proof of %d", m, n, other).isFalse();
                assertThat(Rfc9162Verifier.inclusionVerifies(other, n, LEAVES.get(m), proofOfOther, root))
                        .as("leaf %d of %d in the place of %d", m, n, other).isFalse();
            }
        }
    }

    @Test
    void rejectsATruncatedOrExtendedInclusionProof() {
        for (int n = 2; n <= MAX; n++) {
            byte[] root = MerkleTree.root(LEAVES, n);
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = MerkleTree.inclusionProof(LEAVES, m, n);
                List<byte[]> extended = new ArrayList<>(proof);
                extended.add(LEAVES.get(m));
                assertThat(Rfc9162Verifier.inclusionVerifies(m, n, LEAVES.get(m), proof.subList(0, proof.size() - 1),
                        root)).as("leaf %d of %d truncated", m, n).isFalse();
                assertThat(Rfc9162Verifier.inclusionVerifies(m, n, LEAVES.get(m), extended, root))
                        .as("leaf %d of %d extended", m, n).isFalse();
            }
        }
    }

    @Test
    void rejectsAConsistencyProofWithAFlippedByte() {
        for (int n = 2; n <= MAX; n++) {
            byte[] second = MerkleTree.root(LEAVES, n);
            for (int m = 1; m < n; m++) {
                byte[] first = MerkleTree.root(LEAVES, m);
                List<byte[]> proof = MerkleTree.consistencyProof(LEAVES, m, n);
                for (int i = 0; i < proof.size(); i++) {
                    assertThat(Rfc9162Verifier.consistencyVerifies(m, n, first, second, flipped(proof, i)))
                            .as("%d to %d, node %d flipped", m, n, i).isFalse();
                }
                assertThat(Rfc9162Verifier.consistencyVerifies(m, n, flip(first), second, proof))
                        .as("%d to %d, first root flipped", m, n).isFalse();
                assertThat(Rfc9162Verifier.consistencyVerifies(m, n, first, flip(second), proof))
                        .as("%d to %d, second root flipped", m, n).isFalse();
            }
        }
    }

    @Test
    void rejectsAConsistencyProofForOtherSizes() {
        for (int n = 2; n <= MAX; n++) {
            for (int m = 1; m < n; m++) {
                List<byte[]> proof = MerkleTree.consistencyProof(LEAVES, m, n);
                for (int otherFirst = 1; otherFirst < n; otherFirst++) {
                    if (otherFirst != m) {
                        assertThat(Rfc9162Verifier.consistencyVerifies(otherFirst, n, ROOTS.get(otherFirst),
                                ROOTS.get(n), proof)).as("%d to %d claimed from %d", m, n, otherFirst)
                                .isFalse();
                    }
                }
                for (int otherSecond = m + 1; otherSecond <= MAX; otherSecond++) {
                    if (otherSecond != n) {
                        assertThat(Rfc9162Verifier.consistencyVerifies(m, otherSecond, ROOTS.get(m),
                                ROOTS.get(otherSecond), proof))
                                .as("%d to %d claimed to %d", m, n, otherSecond).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void rejectsConsistencyBetweenDifferentLogs() {
        List<byte[]> forked = new ArrayList<>(LEAVES);
        forked.set(0, Rfc9162Verifier.leafHash("forked".getBytes(StandardCharsets.UTF_8)));
        for (int n = 2; n <= MAX; n++) {
            for (int m = 1; m < n; m++) {
                assertThat(Rfc9162Verifier.consistencyVerifies(m, n, MerkleTree.root(LEAVES, m),
                        MerkleTree.root(forked, n), MerkleTree.consistencyProof(forked, m, n)))
                        .as("%d to a forked %d", m, n).isFalse();
            }
        }
    }

    @Test
    void equalSizesNeedAnEmptyProofAndEqualRoots() {
        for (int n = 1; n <= MAX; n++) {
            byte[] root = MerkleTree.root(LEAVES, n);
            assertThat(MerkleTree.consistencyProof(LEAVES, n, n)).isEmpty();
            assertThat(Rfc9162Verifier.consistencyVerifies(n, n, root, flip(root), List.of())).isFalse();
            assertThat(Rfc9162Verifier.consistencyVerifies(n, n, root, root, List.of(LEAVES.getFirst()))).isFalse();
        }
    }

    @Test
    void rejectsProofRequestsOutsideTheTree() {
        assertThatThrownBy(() -> MerkleTree.inclusionProof(LEAVES, 5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.inclusionProof(LEAVES, -1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.inclusionProof(LEAVES, 0, MAX + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.consistencyProof(LEAVES, 0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.consistencyProof(LEAVES, 6, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.consistencyProof(LEAVES, 1, MAX + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFrontierAppendedLeafByLeafHasTheRootOfEveryPrefix() {
        Frontier frontier = Frontier.empty();
        for (int n = 1; n <= MAX; n++) {
            frontier.append(LEAVES.get(n - 1));

            assertThat(frontier.size()).isEqualTo(n);
            assertThat(frontier.root()).as("size %d", n).isEqualTo(MerkleTree.root(LEAVES, n))
                    .isEqualTo(ROOTS.get(n));
        }
    }

    @Test
    void aFrontierAppendAnswersTheRootOfEveryPerfectSubtreeTheLeafCompletes() {
        Frontier frontier = Frontier.empty();
        for (int n = 1; n <= MAX; n++) {
            List<byte[]> completed = frontier.append(LEAVES.get(n - 1));

            assertThat(completed).as("size %d", n).hasSize(Integer.numberOfTrailingZeros(n));
            for (int level = 1; level <= completed.size(); level++) {
                int width = 1 << level;
                assertThat(completed.get(level - 1)).as("size %d, level %d", n, level)
                        .isEqualTo(MerkleTree.root(LEAVES.subList(n - width, n), width));
            }
        }
    }

    @Test
    void aFrontierSurvivesEncodingAtEverySize() {
        Frontier frontier = Frontier.empty();
        for (int n = 0; n < MAX; n++) {
            Frontier decoded = Frontier.decode(frontier.size(), frontier.encode());
            assertThat(decoded.size()).isEqualTo(n);
            assertThat(decoded.root()).as("size %d", n).isEqualTo(frontier.root());

            decoded.append(LEAVES.get(n));
            frontier.append(LEAVES.get(n));
            assertThat(decoded.root()).as("size %d after decoding", n + 1).isEqualTo(MerkleTree.root(LEAVES, n + 1));
            assertThat(decoded.encode()).isEqualTo(frontier.encode());
        }
    }

    @Test
    void rejectsAFrontierWhoseRootsDoNotFitItsSize() {
        Frontier three = Frontier.empty();
        three.append(LEAVES.get(0));
        three.append(LEAVES.get(1));
        three.append(LEAVES.get(2));

        assertThatThrownBy(() -> Frontier.decode(4, three.encode())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Frontier.decode(1, "")).isInstanceOf(IllegalArgumentException.class);
    }

    /** The leaf inputs of the Certificate Transparency reference tree (RFC 6962 test vectors). */
    private static List<byte[]> ctReferenceInputs() {
        return List.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                "606162636465666768696a6b6c6d6e6f").stream().map(HEX::parseHex).toList();
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }

    private static List<byte[]> flipped(List<byte[]> proof, int index) {
        List<byte[]> copy = new ArrayList<>(proof);
        copy.set(index, flip(proof.get(index)));
        return copy;
    }

    private static byte[] flip(byte[] hash) {
        byte[] copy = hash.clone();
        copy[copy.length / 2] ^= 0x01;
        return copy;
    }
}
