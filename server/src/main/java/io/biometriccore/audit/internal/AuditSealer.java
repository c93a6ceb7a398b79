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

    /** Rounds of one batch per tenant with queued events, until no tenant has a full batch left. */
    @Scheduled(fixedDelayString = "${biometric.audit.seal-interval:PT1S}")
    void sealAll() {
        boolean more = true;
        while (more) {
            more = false;
            for (String tenantId : events.tenantsWithQueuedEvents()) {
                more |= sealOrLog(tenantId) == batchSize;
            }
        }
    }

    /**
     * Seals every event of the tenant queued by now, batch after batch, waiting for a sealer that
     * holds the tenant's tree; answers how many.
     */
    public long sealPending(String tenantId) {
        long sealed = 0;
        int batch;
        do {
            batch = seal(tenantId, Locking.WAIT);
            sealed += batch;
        } while (batch == batchSize);
        return sealed;
    }

    private int sealOrLog(String tenantId) {
        try {
            return seal(tenantId, Locking.SKIP_LOCKED);
        } catch (RuntimeException e) {
            log.error("Sealing the audit log of tenant {} failed; it is retried on the next run", tenantId, e);
            return 0;
        }
    }

    /** Seals one batch of the tenant's queued events; answers how many (0 when none or the tree is held). */
    int seal(String tenantId, Locking locking) {
        Integer sealed = transaction.execute(status -> {
            Optional<State> locked = tree.lock(tenantId, locking);
            if (locked.isEmpty()) {
                return 0;
            }
            List<AuditEntry> batch = events.queued(tenantId, batchSize);
            if (!batch.isEmpty()) {
                append(tenantId, Frontier.decode(locked.get().treeSize(), locked.get().frontier()), batch);
            }
            return batch.size();
        });
        return sealed == null ? 0 : sealed;
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
