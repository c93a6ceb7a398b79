package io.biometriccore.audittools;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An RFC 9162 verifier written from the RFC's text alone, sharing no code with the production tree:
 * the Merkle Tree Hash of §2.1.1, the inclusion check of §2.1.3.2 and the consistency check of
 * §2.1.4.2, on {@link MessageDigest} SHA-256. It is public test code: the server's proof tests use
 * it through this module's test jar.
 */
public final class Rfc9162Verifier {

    private static final int HASH_BYTES = 32;

    private Rfc9162Verifier() {
    }

    /** §2.1.1: {@code MTH({d}) = HASH(0x00 || d)}. */
    public static byte[] leafHash(byte[] leafInput) {
        return sha256(new byte[] {0x00}, leafInput);
    }

    /** §2.1.1: an interior node, {@code HASH(0x01 || left || right)}. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        return sha256(new byte[] {0x01}, left, right);
    }

    /** §2.1.1: the Merkle Tree Hash of the leaf inputs; {@code MTH({}) = HASH()}. */
    public static byte[] root(List<byte[]> leafInputs) {
        int n = leafInputs.size();
        if (n == 0) {
            return sha256();
        }
        if (n == 1) {
            return leafHash(leafInputs.getFirst());
        }
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return nodeHash(root(leafInputs.subList(0, k)), root(leafInputs.subList(k, n)));
    }

    /**
     * §2.1.3.2: whether {@code inclusionPath} proves that {@code leafHash} is leaf {@code leafIndex} of
     * the tree of {@code treeSize} leaves whose root is {@code rootHash}.
     */
    public static boolean inclusionVerifies(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> inclusionPath,
            byte[] rootHash) {
        if (leafIndex < 0 || leafIndex >= treeSize || !wellFormed(inclusionPath) || leafHash.length != HASH_BYTES) {
            return false;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : inclusionPath) {
            if (sn == 0) {
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

    /**
     * §2.1.4.2: whether {@code consistencyPath} proves that the tree of {@code first} leaves with root
     * {@code firstHash} is a prefix of the tree of {@code second} leaves with root {@code secondHash}.
     * The RFC's algorithm is for {@code 0 < first < second}; equal sizes are consistent exactly when
     * the path is empty and the roots are equal (the proof of §2.1.4.1 for {@code m = n} is empty).
     */
    public static boolean consistencyVerifies(long first, long second, byte[] firstHash, byte[] secondHash,
            List<byte[]> consistencyPath) {
        if (first < 1 || first > second || !wellFormed(consistencyPath)) {
            return false;
        }
        if (first == second) {
            return consistencyPath.isEmpty() && MessageDigest.isEqual(firstHash, secondHash);
        }
        // 1. An empty path fails.
        if (consistencyPath.isEmpty()) {
            return false;
        }
        // 2. If first is an exact power of 2, first_hash is prepended.
        List<byte[]> path = new ArrayList<>(consistencyPath);
        if ((first & (first - 1)) == 0) {
            path.addFirst(firstHash);
        }
        // 3.
        long fn = first - 1;
        long sn = second - 1;
        // 4.
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        // 5.
        byte[] fr = path.getFirst();
        byte[] sr = path.getFirst();
        // 6.
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        // 7.
        return MessageDigest.isEqual(fr, firstHash) && MessageDigest.isEqual(sr, secondHash) && sn == 0;
    }

    private static boolean wellFormed(List<byte[]> path) {
        return path.stream().allMatch(h -> h != null && h.length == HASH_BYTES);
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Arrays.stream(parts).forEach(sha::update);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
