package io.biometriccore.audit;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.biometriccore.audit.internal.AuditRepository;
import io.biometriccore.audit.internal.AuditTree;
import io.biometriccore.audit.internal.LogPages;
import io.biometriccore.audit.internal.StoredTreeProofs;
import io.biometriccore.audittools.AuditEntry;
import io.biometriccore.audittools.AuditExport;
import io.biometriccore.audittools.AuditVerifier;
import io.biometriccore.audittools.SealedLeaf;
import io.biometriccore.audittools.TreeHead;
import io.biometriccore.audittools.VerificationReport;
import io.biometriccore.keys.KeyPurpose;
import io.biometriccore.keys.PublishedKey;
import io.biometriccore.keys.SigningKeys;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.shared.CommonProblem;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.tenancy.Tenants;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit module's facade: tree heads, proofs, the audit public keys, the export and verification. */
@Service
public class AuditLogs {

    private final AuditRepository repository;
    private final AuditTree tree;
    private final SigningKeys signingKeys;
    private final Tenants tenants;
    private final ApplicationEventPublisher events;
    private final LogPages pages;
    private final TransactionTemplate separately;

    AuditLogs(AuditRepository repository, AuditTree tree, SigningKeys signingKeys, Tenants tenants,
            ApplicationEventPublisher events, LogPages pages, PlatformTransactionManager transactions) {
        this.repository = repository;
        this.tree = tree;
        this.pages = pages;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.signingKeys = signingKeys;
        this.tenants = tenants;
        this.events = events;
    }

    /** The most heads one page answers. */
    public static final int MAX_HEADS_PER_PAGE = 1000;

    /**
     * A page of the tenant's signed tree heads, smallest first: up to {@code limit} heads larger than
     * {@code afterSize} (a keyset page, so that a log with millions of heads is read in pages).
     *
     * @throws ApiException {@code tenant_not_found}; {@code invalid_request} for a limit outside
     *                      1..{@value #MAX_HEADS_PER_PAGE} or a negative size
     */
    @Transactional(readOnly = true)
    public List<SignedTreeHead> treeHeads(String tenantId, long afterSize, int limit) {
        tenants.require(tenantId);
        if (limit < 1 || limit > MAX_HEADS_PER_PAGE || afterSize < 0) {
            throw new ApiException(CommonProblem.INVALID_REQUEST,
                    "after must be a tree size (0 or more) and limit from 1 to " + MAX_HEADS_PER_PAGE);
        }
        return tree.headsAfter(tenantId, afterSize, limit).stream().map(SignedTreeHead::of).toList();
    }

    /** Every audit key the tenant ever signed tree heads with, public halves only. */
    @Transactional(readOnly = true)
    public JWKSet publicKeys(String tenantId) {
        tenants.require(tenantId);
        return new JWKSet(signingKeys.all(tenantId, KeyPurpose.AUDIT).stream()
                .<JWK>map(PublishedKey::publicJwk).toList());
    }

    /**
     * @throws ApiException {@code tenant_not_found}, {@code audit_event_not_found},
     *                      {@code tree_head_not_found} or {@code audit_event_not_sealed} (not in the tree
     *                      of that size)
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public InclusionProof inclusion(String tenantId, long eventId, long treeSize) {
        tenants.require(tenantId);
        repository.find(tenantId, eventId).orElseThrow(() -> new ApiException(AuditProblem.AUDIT_EVENT_NOT_FOUND));
        TreeHead head = head(tenantId, treeSize);
        SealedLeaf leaf = tree.leafOf(tenantId, eventId).filter(l -> l.leafIndex() < treeSize)
                .orElseThrow(() -> new ApiException(AuditProblem.AUDIT_EVENT_NOT_SEALED));
        return new InclusionProof(eventId, leaf.leafIndex(), treeSize, Base64Url.encode(leaf.leafHash()),
                encoded(StoredTreeProofs.inclusion(leaf.leafIndex(), treeSize, nodes -> tree.hashes(tenantId, nodes))),
                SignedTreeHead.of(head));
    }

    /**
     * The event as stored and exported ({@link AuditExport#eventLine}), found by its id within the tenant.
     */
    @Transactional(readOnly = true)
    public Optional<AuditEntry> entry(String tenantId, long eventId) {
        return repository.find(tenantId, eventId);
    }

    /**
     * The newest event of {@code type} naming {@code credentialId} with {@code reason}, read through the
     * index on the tenant's events by credential: how a module finds the event its action just wrote
     * (the transaction's approval, whose reason binds it to the evidence).
     */
    @Transactional(readOnly = true)
    public Optional<Long> findEvent(String tenantId, String credentialId, SecurityEventType type, String reason) {
        return repository.findByCredential(tenantId, credentialId, type.wireName(), reason);
    }

    /**
     * The event's inclusion proof in the tenant's latest signed tree head; empty until a sealed batch
     * has taken it in.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<InclusionProof> latestInclusion(String tenantId, long eventId) {
        long size = tree.size(tenantId);
        return tree.leafOf(tenantId, eventId).filter(l -> l.leafIndex() < size)
                .flatMap(leaf -> tree.head(tenantId, size).map(head -> new InclusionProof(eventId, leaf.leafIndex(),
                        size, Base64Url.encode(leaf.leafHash()), encoded(StoredTreeProofs.inclusion(leaf.leafIndex(),
                                size, nodes -> tree.hashes(tenantId, nodes))), SignedTreeHead.of(head))));
    }

    /**
     * @throws ApiException {@code tenant_not_found}; {@code tree_head_not_found} for a size that has no
     *                      signed head, {@code invalid_request} when {@code first} exceeds {@code second}
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ConsistencyProof consistency(String tenantId, long first, long second) {
        tenants.require(tenantId);
        if (first > second) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, "first must not exceed second");
        }
        TreeHead firstHead = head(tenantId, first);
        TreeHead secondHead = head(tenantId, second);
        return new ConsistencyProof(first, second,
                encoded(StoredTreeProofs.consistency(first, second, nodes -> tree.hashes(tenantId, nodes))),
                SignedTreeHead.of(firstHead), SignedTreeHead.of(secondHead));
    }

    /** Where an export goes; opened once the export is sure to be written. */
    public interface ExportTarget {
        OutputStream open() throws IOException;
    }

    /**
     * Writes the tenant's whole log as {@link AuditExport} NDJSON, page by page from one snapshot of the
     * database, so that a batch the sealer commits meanwhile is either all in or all out. The export is
     * recorded ({@code audit.exported}, committed on its own) before anything is written; the record
     * itself is not in the snapshot.
     *
     * @throws ApiException {@code tenant_not_found}, before the target is opened
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public void export(String tenantId, Instant exportedAt, ExportTarget target) throws IOException {
        tenants.require(tenantId);
        // The first read of the transaction fixes its snapshot, before the export's own event commits.
        tree.size(tenantId);
        separately.executeWithoutResult(status -> recordAccess(tenantId, Access.EXPORTED, Map.of()));
        AuditExport.Lines lines = AuditExport.Lines.start(tenantId, exportedAt, target.open());
        pages.write(tenantId, lines);
        lines.flush();
    }

    /** Reading the log is audited too. */
    public enum Access {
        /** The whole log was exported. */
        EXPORTED(SecurityEventType.AUDIT_EXPORTED),
        /** A forensics search ran; its criteria are kept as personal fields. */
        SEARCHED(SecurityEventType.AUDIT_SEARCHED);

        private final SecurityEventType eventType;

        Access(SecurityEventType eventType) {
            this.eventType = eventType;
        }
    }

    /**
     * Records who exported or searched the tenant's log, and for what. The criteria are encrypted, and
     * the event names no subject, so searches never show up in the searched customer's own history.
     */
    @Transactional
    public void recordAccess(String tenantId, Access access, Map<String, String> criteria) {
        SecurityEvent.Builder event = SecurityEvent.success(tenantId, access.eventType);
        criteria.forEach(event::personal);
        events.publishEvent(event.build());
    }

    /**
     * {@code audit verify}, on the server: the log against its signed tree heads and audit keys, read in
     * pages from one snapshot; memory holds the heads and the findings, not the log.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public VerificationReport verify(String tenantId) {
        tenants.require(tenantId);
        return AuditVerifier.verify(pages.verifiable(tenantId), publicKeys(tenantId));
    }

    private TreeHead head(String tenantId, long treeSize) {
        return tree.head(tenantId, treeSize).orElseThrow(() -> new ApiException(AuditProblem.TREE_HEAD_NOT_FOUND));
    }

    private static List<String> encoded(List<byte[]> hashes) {
        return hashes.stream().map(Base64Url::encode).toList();
    }
}
