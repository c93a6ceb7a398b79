package io.biometriccore.audit.internal;

import io.biometriccore.audit.internal.AuditTree.SealedPair;
import io.biometriccore.audittools.AuditEntry;
import io.biometriccore.audittools.AuditExport;
import io.biometriccore.audittools.SealedLeaf;
import io.biometriccore.audittools.TreeHead;
import io.biometriccore.audittools.VerifiableLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.springframework.stereotype.Component;

/**
 * A tenant's whole log read in keyset pages over its primary keys (events by id, leaves by index,
 * heads by size), so that no statement returns more than a page and memory holds one page at a time:
 * for the export, and for verification as a {@link VerifiableLog}. Run it in one repeatable-read
 * transaction, so that the pages agree with each other while the sealer appends.
 */
@Component
public class LogPages {

    static final int PAGE = 1000;

    /** A page read: up to {@code limit} rows after the key {@code after}. */
    private interface Page<T> {
        List<T> after(long after, int limit);
    }

    private final AuditRepository events;
    private final AuditTree tree;

    LogPages(AuditRepository events, AuditTree tree) {
        this.events = events;
        this.tree = tree;
    }

    /** Writes every event, leaf and head of the tenant to the export, in the export's order. */
    public void write(String tenantId, AuditExport.Lines export) throws IOException {
        for (AuditEntry event : rows((after, limit) -> events.eventsAfter(tenantId, after, limit), AuditEntry::id, 0)) {
            export.event(event);
        }
        for (SealedLeaf leaf : rows((after, limit) -> tree.leavesAfter(tenantId, after, limit),
                SealedLeaf::leafIndex, -1)) {
            export.leaf(leaf);
        }
        for (TreeHead head : heads(tenantId)) {
            export.head(head);
        }
    }

    /** The tenant's log for {@link io.biometriccore.audittools.AuditVerifier}, read page by page. */
    public VerifiableLog verifiable(String tenantId) {
        return new VerifiableLog() {
            @Override
            public String tenantId() {
                return tenantId;
            }

            @Override
            public List<TreeHead> heads() {
                List<TreeHead> heads = new ArrayList<>();
                LogPages.this.heads(tenantId).forEach(heads::add);
                return heads;
            }

            @Override
            public void leaves(LeafVisitor visitor) {
                rows((after, limit) -> tree.sealedAfter(tenantId, after, limit), (SealedPair p) -> p.leaf().leafIndex(),
                        -1).forEach(pair -> visitor.visit(pair.leaf(), pair.event()));
            }

            @Override
            public void unsealedEvents(Consumer<AuditEntry> visitor) {
                rows((after, limit) -> events.unsealedAfter(tenantId, after, limit), AuditEntry::id, 0)
                        .forEach(visitor);
            }

            @Override
            public Set<Long> sealedMoreThanOnce() {
                return tree.sealedMoreThanOnce(tenantId);
            }

            @Override
            public long events() {
                return events.count(tenantId);
            }
        };
    }

    private Iterable<TreeHead> heads(String tenantId) {
        return rows((after, limit) -> tree.headsAfter(tenantId, after, limit), TreeHead::treeSize, 0);
    }

    /**
     * The rows of every page, read as they are iterated.
     *
     * @param before a key below every row's
     */
    private static <T> Iterable<T> rows(Page<T> page, ToLongFunction<T> key, long before) {
        return () -> new Iterator<>() {
            private List<T> rows = page.after(before, PAGE);
            private int next;

            @Override
            public boolean hasNext() {
                if (next == rows.size() && rows.size() == PAGE) {
                    rows = page.after(key.applyAsLong(rows.getLast()), PAGE);
                    next = 0;
                }
                return next < rows.size();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return rows.get(next++);
            }
        };
    }
}
