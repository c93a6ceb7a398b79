package io.biometriccore.audittools;

import java.util.List;
import java.util.Objects;

/** Everything of one tenant's log that a verification reads: events, leaves and signed tree heads. */
public record AuditSnapshot(String tenantId, List<AuditEntry> events, List<SealedLeaf> leaves, List<TreeHead> heads) {

    public AuditSnapshot {
        Objects.requireNonNull(tenantId, "tenantId");
        events = List.copyOf(events);
        leaves = List.copyOf(leaves);
        heads = List.copyOf(heads);
    }
}
