package io.biometriccore.audittools;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@link VerifiableLog} over an {@link AuditSnapshot} held in memory (an export, a JDBC read). */
final class SnapshotLog implements VerifiableLog {

    private final AuditSnapshot snapshot;
    private final List<SealedLeaf> leaves;
    private final Map<Long, AuditEntry> events;

    SnapshotLog(AuditSnapshot snapshot) {
        this.snapshot = snapshot;
        this.leaves = snapshot.leaves().stream().sorted(Comparator.comparingLong(SealedLeaf::leafIndex)).toList();
        this.events = snapshot.events().stream().collect(Collectors.toMap(AuditEntry::id, Function.identity()));
    }

    @Override
    public String tenantId() {
        return snapshot.tenantId();
    }

    @Override
    public List<TreeHead> heads() {
        return snapshot.heads();
    }

    @Override
    public void leaves(LeafVisitor visitor) {
        leaves.forEach(leaf -> visitor.visit(leaf, events.get(leaf.eventId())));
    }

    @Override
    public void unsealedEvents(Consumer<AuditEntry> visitor) {
        Set<Long> sealed = leaves.stream().map(SealedLeaf::eventId).collect(Collectors.toSet());
        snapshot.events().stream().filter(e -> !sealed.contains(e.id()))
                .sorted(Comparator.comparingLong(AuditEntry::id)).forEach(visitor);
    }

    @Override
    public Set<Long> sealedMoreThanOnce() {
        Map<Long, Integer> times = new HashMap<>();
        leaves.forEach(leaf -> times.merge(leaf.eventId(), 1, Integer::sum));
        Set<Long> twice = new HashSet<>();
        times.forEach((id, count) -> {
            if (count > 1) {
                twice.add(id);
            }
        });
        return twice;
    }

    @Override
    public long events() {
        return snapshot.events().size();
    }
}
