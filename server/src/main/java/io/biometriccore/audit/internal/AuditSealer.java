package io.biometriccore.audit.internal;

import io.biometriccore.audit.internal.AuditTree.Locking;
import io.biometriccore.audit.internal.AuditTree.State;
import io.biometriccore.audittools.AuditEntry;
import io.biometriccore.audittools.Frontier;
import io.biometriccore.audittools.SealedLeaf;
import io.biometriccore.audittools.TreeHead;
import io.biometriccore.keys.KeyPurpose;
import io.biometriccore.keys.SigningKey;
import io.biometriccore.keys.SigningKeys;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals committed events into each tenant's Merkle log, off the request path. The work is the queue
 * {@code audit_unsealed}, which the audit writer fills in each event's own transaction: a run reads
 * the queued rows and nothing of the sealed history, so its cost is its batch. A queue row becomes
 * visible when its event commits, so an event of a long transaction is sealed once it commits, in a
 * later batch than events with higher ids; within a batch, leaves follow event ids.
 *
 * <p>A batch runs in one transaction under the lock of the tenant's {@code audit_tree_state} row,
 * which only sealers touch: requests insert events and never wait for a sealer, and two sealers (two
 * nodes) never seal the same tenant at once. The scheduled sealer skips a locked row
 * ({@code SKIP LOCKED}) rather than wait, and seals one batch per tenant per round, so neither a held
 * tenant nor one with a large backlog holds up the others. Each batch inserts its leaves, the
 * perfect-subtree nodes they complete, and a signed tree head, and takes its events off the queue.
 */
@Component
public class AuditSealer {

    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);

    private final AuditRepository events;
    private final AuditTree tree;
    private final SigningKeys signingKeys;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final int batchSize;

    AuditSealer(AuditRepository events, AuditTree tree, SigningKeys signingKeys, TransactionTemplate transaction,
            Clock clock, @Value("${biometric.audit.seal-batch-size:1000}") int batchSize) {
        this.events = events;
        this.tree = tree;
        this.signingKeys = signingKeys;
        this.transaction = transaction;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** What one batch sealed: how many events, and the highest event id among them. */
    record Batch(int count, long lastEventId) {

        static final Batch NONE = new Batch(0, -1);
    }

    /**
     * Rounds of one batch per tenant with queued events, until no tenant has a full batch left. Within
     * a run, a tenant's next batch starts after its last one, so draining a backlog never walks back
     * over the queue rows it has just deleted; every run starts at the queue's head again, so an event
     * that committed late with a lower id is sealed by the next run.
     */
    @Scheduled(fixedDelayString = "${biometric.audit.seal-interval:PT1S}")
    void sealAll() {
        Map<String, Long> after = new HashMap<>();
        boolean more = true;
        while (more) {
            more = false;
            for (String tenantId : events.tenantsWithQueuedEvents()) {
                Batch batch = sealOrLog(tenantId, after.getOrDefault(tenantId, -1L));
                after.put(tenantId, batch.lastEventId());
                more |= batch.count() == batchSize;
            }
        }
    }

    /**
     * Seals every event of the tenant queued by now, batch after batch, waiting for a sealer that
     * holds the tenant's tree; answers how many.
     */
    public long sealPending(String tenantId) {
        long sealed = 0;
        Batch batch = Batch.NONE;
        do {
            batch = seal(tenantId, Locking.WAIT, batch.lastEventId());
            sealed += batch.count();
        } while (batch.count() == batchSize);
        return sealed;
    }

    private Batch sealOrLog(String tenantId, long afterEventId) {
        try {
            return seal(tenantId, Locking.SKIP_LOCKED, afterEventId);
        } catch (RuntimeException e) {
            log.error("Sealing the audit log of tenant {} failed; it is retried on the next run", tenantId, e);
            return Batch.NONE;
        }
    }

    /**
     * Seals one batch of the tenant's queued events with ids above {@code afterEventId}; none when
     * there are none or another sealer holds the tree.
     */
    Batch seal(String tenantId, Locking locking, long afterEventId) {
        Batch sealed = transaction.execute(status -> {
            Optional<State> locked = tree.lock(tenantId, locking);
            if (locked.isEmpty()) {
                return Batch.NONE;
            }
            List<AuditEntry> batch = events.queued(tenantId, afterEventId, batchSize);
            if (batch.isEmpty()) {
                return Batch.NONE;
            }
            append(tenantId, Frontier.decode(locked.get().treeSize(), locked.get().frontier()), batch);
            return new Batch(batch.size(), batch.getLast().id());
        });
        return sealed == null ? Batch.NONE : sealed;
    }

    private void append(String tenantId, Frontier frontier, List<AuditEntry> batch) {
        List<SealedLeaf> leaves = new ArrayList<>(batch.size());
        Map<TreeNode, byte[]> nodes = new LinkedHashMap<>();
        for (AuditEntry event : batch) {
            long index = frontier.size();
            byte[] leafHash = event.leafHash(index);
            leaves.add(new SealedLeaf(index, event.id(), leafHash));
            List<byte[]> completed = frontier.append(leafHash);
            for (int level = 1; level <= completed.size(); level++) {
                nodes.put(new TreeNode(level, (frontier.size() >> level) - 1), completed.get(level - 1));
            }
        }
        tree.append(tenantId, leaves, nodes);
        events.dequeue(tenantId, batch.stream().map(AuditEntry::id).toList());
        tree.save(tenantId, new State(frontier.size(), frontier.encode()));
        SigningKey key = signingKeys.active(tenantId, KeyPurpose.AUDIT);
        tree.insertHead(TreeHead.sign(tenantId, frontier.size(), frontier.root(), clock.instant(), key.kid(),
                key.signer()));
    }
}
