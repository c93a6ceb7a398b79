package io.biometriccore.audittools;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Duration;
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
 *       REORDERED), and that no event is sealed twice (a second leaf is INSERTED);</li>
 *   <li>the root of the leaves at every head's size against the head, which also proves each head
 *       consistent with the next (both are roots of prefixes of the same leaves), and that no leaf lies
 *       beyond the largest validly signed head (the sealer writes a batch and its head together);</li>
 *   <li>events that appeared later than a transaction of the server could have committed them
 *       (INSERTED), whether the sealer has sealed them since or not.</li>
 * </ol>
 * An event's id is taken when its transaction inserts it, and the sealer sees it only on commit (its
 * queue row becomes visible with it), so leaves follow the order in which events became visible: an
 * event may rightly be sealed in a later batch than events with higher ids. Within a batch the sealer
 * orders leaves by event id, but nothing here relies on it: each leaf hashes its own index, so the
 * order is fixed by the signed heads, not by the ids. What no transaction of the server does is commit more
 * than the {@linkplain #COMMIT_GRACE commit grace} after its event occurred: an event that a validly
 * signed head left out although that head came more than the grace after the event was inserted
 * behind the log's back. Events newer than that are pending, not judged.
 * Findings come in log order, so the first finding is the first tampered place.
 */
public final class AuditVerifier {

    /** How long after its event an event's transaction may commit, by default. */
    public static final Duration COMMIT_GRACE = Duration.ofMinutes(5);

    private AuditVerifier() {
    }

    /** {@link #verify(AuditSnapshot, JWKSet, Duration)} with the default {@link #COMMIT_GRACE}. */
    public static VerificationReport verify(AuditSnapshot log, JWKSet keys) {
        return verify(log, keys, COMMIT_GRACE);
    }

    /** @param commitGrace how long after its event an event's transaction may commit */
    public static VerificationReport verify(AuditSnapshot log, JWKSet keys, Duration commitGrace) {
        if (commitGrace.isNegative()) {
            throw new IllegalArgumentException("the commit grace must not be negative");
        }
        List<Finding> findings = new ArrayList<>();
        List<TreeHead> heads = log.heads().stream().sorted(Comparator.comparingLong(TreeHead::treeSize)).toList();
        List<TreeHead> validHeads = new ArrayList<>();
        for (TreeHead head : heads) {
            if (!head.tenantId().equals(log.tenantId()) || !head.signatureValid(keys)) {
                findings.add(new Finding(Finding.Kind.TREE_HEAD_INVALID, null, head.treeSize(),
                        "the tree head of size " + head.treeSize() + " is not validly signed"));
            } else {
                validHeads.add(head);
            }
        }
        List<SealedLeaf> leaves = log.leaves().stream().sorted(Comparator.comparingLong(SealedLeaf::leafIndex)).toList();
        Map<Long, AuditEntry> events = log.events().stream()
                .collect(Collectors.toMap(AuditEntry::id, Function.identity()));
        boolean[] authentic = checkLeaves(leaves, events, findings);
        checkSealedLate(validHeads, leaves, events, authentic, commitGrace, findings);
        findings.sort(Comparator.comparing(f -> f.leafIndex() == null ? -1 : f.leafIndex()));
        checkHeads(heads, leaves, keys, log.tenantId(), findings);
        checkUnsealed(log, leaves, validHeads, commitGrace, findings);
        return new VerificationReport(log.tenantId(), log.events().size(), leaves.size(), heads.size(), findings);
    }

    /** Answers, per leaf position, whether the event there matches its leaf hash. */
    private static boolean[] checkLeaves(List<SealedLeaf> leaves, Map<Long, AuditEntry> events,
            List<Finding> findings) {
        boolean[] authentic = new boolean[leaves.size()];
        List<Finding> mismatches = new ArrayList<>();
        Map<Long, Integer> sealedAt = new HashMap<>();
        for (int i = 0; i < leaves.size(); i++) {
            SealedLeaf leaf = leaves.get(i);
            if (leaf.leafIndex() != i) {
                findings.add(new Finding(Finding.Kind.INSERTED, leaf.eventId(), leaf.leafIndex(),
                        "leaf positions are not contiguous: expected " + i));
                return authentic;
            }
            AuditEntry event = events.get(leaf.eventId());
            Integer first = sealedAt.putIfAbsent(leaf.eventId(), i);
            if (first != null) {
                findings.add(new Finding(Finding.Kind.INSERTED, leaf.eventId(), leaf.leafIndex(),
                        "the event is sealed a second time; it was sealed at leaf " + first));
            } else if (event == null) {
                findings.add(new Finding(Finding.Kind.DELETED, leaf.eventId(), leaf.leafIndex(),
                        "the sealed event no longer exists"));
            } else if (!Arrays.equals(event.leafHash(i), leaf.leafHash())) {
                mismatches.add(new Finding(Finding.Kind.MODIFIED, event.id(), (long) i,
                        "the event no longer matches its sealed leaf hash"));
            } else {
                authentic[i] = true;
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
        return authentic;
    }

    /**
     * Sealed events that the head before their leaf should have held: it came more than the grace after
     * the event and sealed a later event. Only events that match their leaf are judged, since a changed
     * event's time is not its own.
     */
    private static void checkSealedLate(List<TreeHead> heads, List<SealedLeaf> leaves, Map<Long, AuditEntry> events,
            boolean[] authentic, Duration commitGrace, List<Finding> findings) {
        long[] highestIdBefore = new long[leaves.size() + 1];
        highestIdBefore[0] = Long.MIN_VALUE;
        for (int i = 0; i < leaves.size(); i++) {
            highestIdBefore[i + 1] = Math.max(highestIdBefore[i], leaves.get(i).eventId());
        }
        int before = -1;
        for (int i = 0; i < authentic.length; i++) {
            while (before + 1 < heads.size() && heads.get(before + 1).treeSize() <= i) {
                before++;
            }
            if (before < 0 || !authentic[i]) {
                continue;
            }
            TreeHead head = heads.get(before);
            AuditEntry event = events.get(leaves.get(i).eventId());
            if (event.id() < highestIdBefore[(int) head.treeSize()]
                    && head.timestamp().isAfter(event.occurredAt().plus(commitGrace))) {
                findings.add(new Finding(Finding.Kind.INSERTED, event.id(), (long) i, "the event is sealed after the"
                        + " tree head of size " + head.treeSize() + ", which sealed later events more than "
                        + commitGrace + " after this one occurred"));
            }
        }
    }

    private static void checkHeads(List<TreeHead> heads, List<SealedLeaf> leaves, JWKSet keys, String tenantId,
            List<Finding> findings) {
        List<byte[]> hashes = leaves.stream().map(SealedLeaf::leafHash).toList();
        // The sealer writes leaves and their head in one transaction: leaves beyond the largest validly
        // signed head were added behind its back, or the heads that covered them were removed.
        long signed = heads.stream().filter(h -> h.tenantId().equals(tenantId) && h.signatureValid(keys))
                .mapToLong(TreeHead::treeSize).max().orElse(0);
        if (leaves.size() > signed) {
            SealedLeaf first = leaves.get((int) signed);
            findings.add(new Finding(Finding.Kind.INSERTED, first.eventId(), first.leafIndex(),
                    "leaves from " + signed + " on are covered by no signed tree head"));
        }
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
            Duration commitGrace, List<Finding> findings) {
        if (heads.isEmpty()) {
            return;
        }
        Set<Long> sealed = new HashSet<>();
        for (SealedLeaf leaf : leaves) {
            sealed.add(leaf.eventId());
        }
        var latest = heads.getLast().timestamp();
        for (AuditEntry event : log.events().stream().sorted(Comparator.comparingLong(AuditEntry::id)).toList()) {
            if (!sealed.contains(event.id()) && latest.isAfter(event.occurredAt().plus(commitGrace))) {
                findings.add(new Finding(Finding.Kind.INSERTED, event.id(), null, "the event is not sealed although"
                        + " a tree head was signed more than " + commitGrace + " after it occurred"));
            }
        }
    }
}
