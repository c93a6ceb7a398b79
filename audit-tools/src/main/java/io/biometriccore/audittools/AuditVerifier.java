package io.biometriccore.audittools;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
 *
 * <p>The leaves are read once, in leaf order ({@link VerifiableLog}), and memory holds the heads and
 * what was found, not the log, so a server can verify a log larger than its memory page by page.
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
        return verify(VerifiableLog.of(log), keys, commitGrace);
    }

    /** {@link #verify(VerifiableLog, JWKSet, Duration)} with the default {@link #COMMIT_GRACE}. */
    public static VerificationReport verify(VerifiableLog log, JWKSet keys) {
        return verify(log, keys, COMMIT_GRACE);
    }

    /** @param commitGrace how long after its event an event's transaction may commit */
    public static VerificationReport verify(VerifiableLog log, JWKSet keys, Duration commitGrace) {
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
        LeafPass leaves = new LeafPass(heads, validHeads, log.sealedMoreThanOnce(), commitGrace);
        log.leaves(leaves::visit);
        findings.addAll(leaves.leafFindings());
        findings.sort(Comparator.comparing(f -> f.leafIndex() == null ? -1 : f.leafIndex()));
        findings.addAll(leaves.headFindings());
        checkUnsealed(log, validHeads, commitGrace, findings);
        return new VerificationReport(log.tenantId(), Math.toIntExact(log.events()), Math.toIntExact(leaves.count()),
                heads.size(), findings);
    }

    private static void checkUnsealed(VerifiableLog log, List<TreeHead> heads, Duration commitGrace,
            List<Finding> findings) {
        if (heads.isEmpty()) {
            return;
        }
        Instant latest = heads.getLast().timestamp();
        log.unsealedEvents(event -> {
            if (latest.isAfter(event.occurredAt().plus(commitGrace))) {
                findings.add(new Finding(Finding.Kind.INSERTED, event.id(), null, "the event is not sealed although"
                        + " a tree head was signed more than " + commitGrace + " after it occurred"));
            }
        });
    }
}
