package io.biometriccore.audit.internal;

/**
 * A perfect subtree of a tenant's Merkle tree: the {@code 2^level} leaves from
 * {@code index * 2^level} on. Level 0 is a leaf itself.
 */
public record TreeNode(int level, long index) {

    public TreeNode {
        if (level < 0 || level > 62) {
            throw new IllegalArgumentException("level must be 0 to 62");
        }
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative");
        }
    }
}
