package io.biometriccore.audittools;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@link AuditVerifier}'s one pass over the leaves, in leaf order, keeping the right edge of the tree
 * and what it found rather than the leaves:
 * <ul>
 *   <li>each leaf against the event it names: positions contiguous, no event sealed twice, the event
 *       present (else DELETED) and hashing to the leaf (else MODIFIED, or REORDERED when it hashes to
 *       another mismatched position's leaf);</li>
 *   <li>an authentic event that the head before its leaf should have held (INSERTED: that head came
 *       more than the grace after the event and sealed a later event id);</li>
 *   <li>the root at every head's size, leaves beyond the largest validly signed head, and heads
 *       larger than the log.</li>
 * </ul>
 */
final class LeafPass {

    /** A leaf whose event does not hash to it, kept to tell MODIFIED from REORDERED at the end. */
    private record Mismatch(long position, SealedLeaf leaf, AuditEntry event) {
    }

    private final List<TreeHead> heads;
    private final List<TreeHead> validHeads;
    private final Set<Long> sealedMoreThanOnce;
    private final Duration commitGrace;
    private final long signedSize;
    private final Frontier tree = Frontier.empty();
    private final Map<Long, Long> firstSealedAt = new HashMap<>();
    private final List<Finding> inline = new ArrayList<>();
    private final List<Mismatch> mismatches = new ArrayList<>();
    private final List<Finding> sealedLate = new ArrayList<>();
    private final List<Finding> headFindings = new ArrayList<>();
    /** The highest event id sealed below each valid head's size. */
    private final long[] highestIdBelow;
    private @Nullable Finding beyondSigned;
    private boolean contiguous = true;
    private long highestId = Long.MIN_VALUE;
    private int nextHead;
    private int nextValidHead;

    /** @param heads every head, and {@code validHeads} those validly signed, both by size */
    LeafPass(List<TreeHead> heads, List<TreeHead> validHeads, Set<Long> sealedMoreThanOnce, Duration commitGrace) {
        this.heads = heads;
        this.validHeads = validHeads;
        this.sealedMoreThanOnce = sealedMoreThanOnce;
        this.commitGrace = commitGrace;
        this.signedSize = validHeads.stream().mapToLong(TreeHead::treeSize).max().orElse(0);
        this.highestIdBelow = new long[validHeads.size()];
    }

    void visit(SealedLeaf leaf, @Nullable AuditEntry event) {
        long position = tree.size();
        atSize(position);
        if (position == signedSize) {
            // The sealer writes leaves and their head in one transaction: leaves beyond the largest validly
            // signed head were added behind its back, or the heads that covered them were removed.
            beyondSigned = new Finding(Finding.Kind.INSERTED, leaf.eventId(), leaf.leafIndex(),
                    "leaves from " + signedSize + " on are covered by no signed tree head");
        }
        if (contiguous && check(position, leaf, event)) {
            checkSealedLate(position, event);
        }
        highestId = Math.max(highestId, leaf.eventId());
        tree.append(leaf.leafHash());
    }

    long count() {
        return tree.size();
    }

    /** What the leaves showed, in the order they were found; the caller sorts them by position. */
    List<Finding> leafFindings() {
        List<Finding> found = new ArrayList<>(inline);
        for (Mismatch mismatch : mismatches) {
            long movedFrom = -1;
            for (Mismatch other : mismatches) {
                if (other.position() != mismatch.position()
                        && Arrays.equals(mismatch.event().leafHash(other.position()), other.leaf().leafHash())) {
                    movedFrom = other.position();
                }
            }
            found.add(movedFrom < 0
                    ? new Finding(Finding.Kind.MODIFIED, mismatch.event().id(), mismatch.position(),
                            "the event no longer matches its sealed leaf hash")
                    : new Finding(Finding.Kind.REORDERED, mismatch.event().id(), mismatch.position(),
                            "the event was sealed at leaf " + movedFrom));
        }
        found.addAll(sealedLate);
        return found;
    }

    /** What the heads showed, once every leaf is visited: in head order, after leaves no head covers. */
    List<Finding> headFindings() {
        atSize(tree.size());
        List<Finding> found = new ArrayList<>();
        if (beyondSigned != null) {
            found.add(beyondSigned);
        }
        found.addAll(headFindings);
        for (TreeHead head : heads.subList(nextHead, heads.size())) {
            found.add(new Finding(Finding.Kind.DELETED, null, head.treeSize(),
                    "the tree head covers " + head.treeSize() + " leaves but only " + tree.size() + " exist"));
        }
        nextHead = heads.size();
        return found;
    }

    /** The tree has {@code size} leaves: check the heads of that size, note the valid ones' highest ids. */
    private void atSize(long size) {
        while (nextHead < heads.size() && heads.get(nextHead).treeSize() == size) {
            TreeHead head = heads.get(nextHead++);
            if (!Arrays.equals(tree.root(), head.rootHash())) {
                headFindings.add(new Finding(Finding.Kind.TREE_HEAD_MISMATCH, null, head.treeSize(),
                        "the leaves do not hash to the signed root of size " + head.treeSize()));
            }
        }
        while (nextValidHead < validHeads.size() && validHeads.get(nextValidHead).treeSize() == size) {
            highestIdBelow[nextValidHead++] = highestId;
        }
    }

    /** Answers whether the event is authentic: present, sealed once, and hashing to its leaf. */
    private boolean check(long position, SealedLeaf leaf, @Nullable AuditEntry event) {
        if (leaf.leafIndex() != position) {
            inline.add(new Finding(Finding.Kind.INSERTED, leaf.eventId(), leaf.leafIndex(),
                    "leaf positions are not contiguous: expected " + position));
            contiguous = false;
            return false;
        }
        Long first = sealedMoreThanOnce.contains(leaf.eventId())
                ? firstSealedAt.putIfAbsent(leaf.eventId(), position) : null;
        if (first != null) {
            inline.add(new Finding(Finding.Kind.INSERTED, leaf.eventId(), leaf.leafIndex(),
                    "the event is sealed a second time; it was sealed at leaf " + first));
            return false;
        }
        if (event == null) {
            inline.add(new Finding(Finding.Kind.DELETED, leaf.eventId(), leaf.leafIndex(),
                    "the sealed event no longer exists"));
            return false;
        }
        if (!Arrays.equals(event.leafHash(position), leaf.leafHash())) {
            mismatches.add(new Mismatch(position, leaf, event));
            return false;
        }
        return true;
    }

    /**
     * Sealed events that the head before their leaf should have held: it came more than the grace after
     * the event and sealed a later event. Only events that match their leaf are judged, since a changed
     * event's time is not its own.
     */
    private void checkSealedLate(long position, @Nullable AuditEntry event) {
        int before = nextValidHead - 1;
        if (before < 0 || event == null) {
            return;
        }
        TreeHead head = validHeads.get(before);
        if (event.id() < highestIdBelow[before] && head.timestamp().isAfter(event.occurredAt().plus(commitGrace))) {
            sealedLate.add(new Finding(Finding.Kind.INSERTED, event.id(), position, "the event is sealed after the"
                    + " tree head of size " + head.treeSize() + ", which sealed later events more than "
                    + commitGrace + " after this one occurred"));
        }
    }
}
