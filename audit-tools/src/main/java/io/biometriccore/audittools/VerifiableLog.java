package io.biometriccore.audittools;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's log as {@link AuditVerifier} reads it: the signed heads at once, the leaves and the
 * unsealed events one at a time, so that a log larger than memory can be read in pages. All of it
 * must come from one consistent view of the log.
 */
public interface VerifiableLog {

    /** One leaf and the event it names. */
    interface LeafVisitor {
        /** @param event the tenant's event that the leaf names, or null when there is none */
        void visit(SealedLeaf leaf, @Nullable AuditEntry event);
    }

    String tenantId();

    /** Every tree head stored for the tenant. */
    List<TreeHead> heads();

    /** Visits every leaf of the tenant in leaf order. */
    void leaves(LeafVisitor visitor);

    /** Visits every event of the tenant that no leaf of the tenant names, in id order. */
    void unsealedEvents(Consumer<AuditEntry> visitor);

    /** The ids of the events that more than one leaf names. */
    Set<Long> sealedMoreThanOnce();

    /** How many events the tenant has. */
    long events();

    /** An in-memory snapshot as a verifiable log. */
    static VerifiableLog of(AuditSnapshot snapshot) {
        return new SnapshotLog(snapshot);
    }
}
