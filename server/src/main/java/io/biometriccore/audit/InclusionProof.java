package io.biometriccore.audit;

import java.util.List;

/**
 * RFC 9162 §2.1.3: the audit path of one event's leaf in the tree of {@code treeSize} leaves, with the
 * signed head of that size. Hashes are base64url.
 */
public record InclusionProof(long eventId, long leafIndex, long treeSize, String leafHash, List<String> auditPath,
        SignedTreeHead treeHead) {

    public InclusionProof {
        auditPath = List.copyOf(auditPath);
    }
}
