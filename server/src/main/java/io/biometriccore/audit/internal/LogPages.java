package io.biometriccore.audit.internal;

import io.biometriccore.audittools.AuditEntry;
import io.biometriccore.audittools.AuditExport;
import io.biometriccore.audittools.AuditSnapshot;
import io.biometriccore.audittools.SealedLeaf;
import io.biometriccore.audittools.TreeHead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.springframework.stereotype.Component;

/**
 * A tenant's whole log read in keyset pages over its primary keys (events by id, leaves by index,
 * heads by size), so that no statement returns more than a page and memory holds one page at a time.
 * Run it in one repeatable-read transaction, so that the pages agree with each other while the sealer
 * appends.
 */
@Component
public class LogPages {

    static final int PAGE = 1000;

    /** A page read: up to {@code limit} rows after the key {@code after}. */
    private interface Page<T> {
        List<T> after(long after, int limit);
    }

    /** What is done with each row. */
    private interface Each<T> {
        void accept(T row) throws IOException;
    }

    private final AuditRepository events;
    private final AuditTree tree;

    LogPages(AuditRepository events, AuditTree tree) {
        this.events = events;
        this.tree = tree;
    }

    /** Writes every event, leaf and head of the tenant to the export, in the export's order. */
    public void write(String tenantId, AuditExport.Lines export) throws IOException {
        read(tenantId, export::event, export::leaf, export::head);
    }

    /** The tenant's whole log in memory, read page by page. */
    public AuditSnapshot snapshot(String tenantId) {
        List<AuditEntry> entries = new ArrayList<>();
        List<SealedLeaf> leaves = new ArrayList<>();
        List<TreeHead> heads = new ArrayList<>();
        try {
            read(tenantId, entries::add, leaves::add, heads::add);
        } catch (IOException e) {
            throw new UncheckedIOException("collecting into lists does no I/O", e);
        }
        return new AuditSnapshot(tenantId, entries, leaves, heads);
    }

    private void read(String tenantId, Each<AuditEntry> eachEvent, Each<SealedLeaf> eachLeaf, Each<TreeHead> eachHead)
            throws IOException {
        each((after, limit) -> events.eventsAfter(tenantId, after, limit), AuditEntry::id, 0, eachEvent);
        each((after, limit) -> tree.leavesAfter(tenantId, after, limit), SealedLeaf::leafIndex, -1, eachLeaf);
        each((after, limit) -> tree.headsAfter(tenantId, after, limit), TreeHead::treeSize, 0, eachHead);
    }

    /** @param before a key below every row's */
    private static <T> void each(Page<T> page, ToLongFunction<T> key, long before, Each<T> each) throws IOException {
        long after = before;
        List<T> rows;
        do {
            rows = page.after(after, PAGE);
            for (T row : rows) {
                each.accept(row);
            }
            if (!rows.isEmpty()) {
                after = key.applyAsLong(rows.getLast());
            }
        } while (rows.size() == PAGE);
    }
}
