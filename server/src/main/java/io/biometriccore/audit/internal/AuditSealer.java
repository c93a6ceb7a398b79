package io.biometriccore.audit.internal;

import io.biometriccore.audit.internal.AuditRepository.TreeState;
import io.biometriccore.audittools.AuditEntry;
import io.biometriccore.audittools.Frontier;
import io.biometriccore.audittools.SealedLeaf;
import io.biometriccore.audittools.TreeHead;
import io.biometriccore.keys.KeyPurpose;
import io.biometriccore.keys.SigningKey;
import io.biometriccore.keys.SigningKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals committed events into each tenant's Merkle log, off the request path. A batch runs in one
 * transaction under the lock of the tenant's {@code audit_tree_state} row, which only sealers touch:
 * requests insert events and never wait for a sealer, and two sealers (two nodes) never seal the same
 * tenant at once. A sealer that finds the row locked skips the tenant ({@code SKIP LOCKED}) rather
 * than wait, so one busy or stuck tenant never holds up the others. Each batch appends its leaves in
 * event-id order and signs a new tree head. A run looks only at the last hour's events (an index
 * range), and every ten minutes at all of them, so its cost does not grow with the log.
 */
@Component
public class AuditSealer {

    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);
    /** Each run looks at the events of the last hour; no transaction stays open that long. */
    private static final Duration RECENT = Duration.ofHours(1);
    /** And now and then at all events, so that nothing is ever left unsealed. */
    private static final Duration FULL_SCAN_EVERY = Duration.ofMinutes(10);

    private final AuditRepository repository;
    private final SigningKeys signingKeys;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final int batchSize;
    private @Nullable Instant lastFullScan;

    AuditSealer(AuditRepository repository, SigningKeys signingKeys, TransactionTemplate transaction, Clock clock,
            @Value("${biometric.audit.seal-batch-size:1000}") int batchSize) {
        this.repository = repository;
        this.signingKeys = signingKeys;
        this.transaction = transaction;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    @Scheduled(fixedDelayString = "${biometric.audit.seal-interval:PT1S}")
    void sealAll() {
        Instant now = clock.instant();
        Instant since = now.minus(RECENT);
        if (lastFullScan == null || !now.isBefore(lastFullScan.plus(FULL_SCAN_EVERY))) {
            since = Instant.EPOCH;
            lastFullScan = now;
        }
        for (String tenantId : repository.tenantsWithUnsealedEvents(since)) {
            try {
                while (seal(tenantId, since) == batchSize) {
                    log.debug("Sealed a full batch for tenant {}; continuing", tenantId);
                }
            } catch (RuntimeException e) {
                log.error("Sealing the audit log of tenant {} failed; it is retried on the next run", tenantId, e);
            }
        }
    }

    /** Seals one batch of the tenant's unsealed events written since {@code since}; answers how many. */
    public int seal(String tenantId, Instant since) {
        Integer sealed = transaction.execute(status -> {
            Optional<TreeState> locked = repository.lockTreeState(tenantId);
            if (locked.isEmpty()) {
                return 0;
            }
            TreeState state = locked.get();
            List<AuditEntry> batch = repository.unsealed(tenantId, since, batchSize);
            if (batch.isEmpty()) {
                return 0;
            }
            Frontier tree = Frontier.decode(state.treeSize(), state.frontier());
            for (AuditEntry event : batch) {
                long index = tree.size();
                byte[] leafHash = event.leafHash(index);
                repository.insertLeaf(tenantId, new SealedLeaf(index, event.id(), leafHash));
                tree.append(leafHash);
            }
            repository.saveTreeState(tenantId, new TreeState(tree.size(), tree.encode()));
            SigningKey key = signingKeys.active(tenantId, KeyPurpose.AUDIT);
            repository.insertHead(TreeHead.sign(tenantId, tree.size(), tree.root(), clock.instant(), key.kid(),
                    key.signer()));
            return batch.size();
        });
        return sealed == null ? 0 : sealed;
    }
}
