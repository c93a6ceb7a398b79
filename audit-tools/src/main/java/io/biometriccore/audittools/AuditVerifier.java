package io.biometriccore.audittools;

import com.nimbusds.jose.jwk.JWKSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks a tenant's log against its signed tree heads, trusting nothing but the audit public keys:
 * <ol>
 *   <li>every tree head's signature and payload;</li>
 *   <li>every leaf against the event it names, recomputing the leaf hash from the event as stored
 *       (a changed event is MODIFIED, a missing one DELETED, one that matches another position's hash
 *       REORDERED);</li>
 *   <li>the root of the leaves at every head's size against the head, which also proves each head
 *       consistent with the next (both are roots of prefixes of the same leaves);</li>
 *   <li>events that no leaf seals although later events are sealed (INSERTED). Events newer than the
 *       latest head are not judged: the sealer has not reached them yet.</li>
 * </ol>
 * Findings come in log order, so the first finding is the first tampered place.
 */
public final class AuditVerifier {

    private AuditVerifier() {
    }

    public static VerificationReport verify(AuditSnapshot log, JWKSet keys) {
        List<Finding> findings = new ArrayList<>();
        List<TreeHead> heads = log.heads().stream().sorted(Comparator.comparingLong(TreeHead::treeSize)).toList();
        for (TreeHead head : heads) {
            if (!head.tenantId().equals(log.tenantId()) || !head.signatureValid(keys)) {
                findings.add(new Finding(Finding.Kind.TREE_HEAD_INVALID, null, head.treeSize(),
                        "the tree head of size " + head.treeSize() + " is not validly signed"));
            }
        }
        List<SealedLeaf> leaves = log.leaves().stream().sorted(Comparator.comparingLong(SealedLeaf::leafIndex)).toList();
        Map<Long, AuditEntry> events = log.events().stream()
                .collect(Collectors.toMap(AuditEntry::id, Function.identity()));
        checkLeaves(leaves, events, findings);
        checkHeads(heads, leaves, findings);
        checkUnsealed(log, leaves, heads, findings);
        return new VerificationReport(log.tenantId(), log.events().size(), leaves.size(), heads.size(), findings);
    }

    private static void checkLeaves(List<SealedLeaf> leaves, Map<Long, AuditEntry> events, List<Finding> findings) {
        List<Finding> mismatches = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            SealedLeaf leaf = leaves.get(i);
            if (leaf.leafIndex() != i) {
                findings.add(new Finding(Finding.Kind.INSERTED, leaf.eventId(), leaf.leafIndex(),
                        "leaf positions are not contiguous: expected " + i));
                return;
            }
            AuditEntry event = events.get(leaf.eventId());
            if (event == null) {
                findings.add(new Finding(Finding.Kind.DELETED, leaf.eventId(), leaf.leafIndex(),
                        "the sealed event no longer exists"));
            } else if (!Arrays.equals(event.leafHash(i), leaf.leafHash())) {
                mismatches.add(new Finding(Finding.Kind.MODIFIED, event.id(), (long) i,
                        "the event no longer matches its sealed leaf hash"));
            }
        }
        for (Finding mismatch : mismatches) {
            AuditEntry event = events.get(mismatch.eventId());
            long movedFrom = -1;
            for (Finding other : mismatches) {
                long j = other.leafIndex();
                if (j != mismatch.leafIndex() && Arrays.equals(event.leafHash(j), leaves.get((int) j).leafHash())) {
                    movedFrom = j;
                }
            }
            findings.add(movedFrom < 0 ? mismatch : new Finding(Finding.Kind.REORDERED, mismatch.eventId(),
                    mismatch.leafIndex(), "the event was sealed at leaf " + movedFrom));
        }
        findings.sort(Comparator.comparing(f -> f.leafIndex() == null ? -1 : f.leafIndex()));
    }

    private static void checkHeads(List<TreeHead> heads, List<SealedLeaf> leaves, List<Finding> findings) {
        List<byte[]> hashes = leaves.stream().map(SealedLeaf::leafHash).toList();
        for (TreeHead head : heads) {
            if (head.treeSize() > hashes.size()) {
                findings.add(new Finding(Finding.Kind.DELETED, null, head.treeSize(),
                        "the tree head covers " + head.treeSize() + " leaves but only " + hashes.size() + " exist"));
            } else if (!Arrays.equals(MerkleTree.root(hashes, (int) head.treeSize()), head.rootHash())) {
                findings.add(new Finding(Finding.Kind.TREE_HEAD_MISMATCH, null, head.treeSize(),
                        "the leaves do not hash to the signed root of size " + head.treeSize()));
            }
        }
    }

    private static void checkUnsealed(AuditSnapshot log, List<SealedLeaf> leaves, List<TreeHead> heads,
            List<Finding> findings) {
        if (heads.isEmpty()) {
            return;
        }
        Set<Long> sealed = new HashSet<>();
        long highestSealed = Long.MIN_VALUE;
        for (SealedLeaf leaf : leaves) {
            sealed.add(leaf.eventId());
            highestSealed = Math.max(highestSealed, leaf.eventId());
        }
        var latest = heads.getLast().timestamp();
        Map<Long, AuditEntry> unsealedBefore = new HashMap<>();
        for (AuditEntry event : log.events()) {
            if (!sealed.contains(event.id()) && event.id() < highestSealed && event.occurredAt().isBefore(latest)) {
                unsealedBefore.put(event.id(), event);
            }
        }
        unsealedBefore.keySet().stream().sorted().forEach(id -> findings.add(new Finding(Finding.Kind.INSERTED, id,
                null, "the event is not sealed although later events and a later tree head are")));
    }
}
