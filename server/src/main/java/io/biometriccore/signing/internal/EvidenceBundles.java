package io.biometriccore.signing.internal;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.biometriccore.audit.AuditLogs;
import io.biometriccore.audit.InclusionProof;
import io.biometriccore.audittools.AuditEntry;
import io.biometriccore.audittools.AuditExport;
import io.biometriccore.keys.KeyPurpose;
import io.biometriccore.keys.KeyStatus;
import io.biometriccore.keys.PublishedKey;
import io.biometriccore.keys.SigningKeys;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.signing.TransactionProblem;
import io.biometriccore.signing.internal.EvidenceRepository.StoredEvidence;
import io.biometriccore.signing.internal.TransactionRepository.Status;
import io.biometriccore.signing.internal.TransactionRepository.Stored;
import io.biometriccore.tenancy.Tenants;
import java.text.ParseException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * An approval's evidence as the bank fetches it, format {@value #FORMAT}: the signed record, the
 * {@code transaction.approved} audit event as the audit export has it, its inclusion proof in the
 * latest signed tree head once sealed, and the keys; the legal hold; the evidence keys' JWKS.
 */
@Service
class EvidenceBundles {

    static final String FORMAT = "biometric-core/evidence-bundle/v1";

    private final Transactions transactions;
    private final EvidenceRepository evidence;
    private final AuditLogs audit;
    private final SigningKeys keys;
    private final Tenants tenants;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    EvidenceBundles(Transactions transactions, EvidenceRepository evidence, AuditLogs audit, SigningKeys keys,
            Tenants tenants, Clock clock, ApplicationEventPublisher events) {
        this.transactions = transactions;
        this.evidence = evidence;
        this.audit = audit;
        this.keys = keys;
        this.tenants = tenants;
        this.clock = clock;
        this.events = events;
    }

    /** @throws ApiException {@code transaction_not_found}, or {@code evidence_not_available} unless approved */
    @Transactional(readOnly = true)
    JsonNode bundle(String tenantId, UUID id) {
        StoredEvidence stored = approvedEvidence(tenantId, id);
        AuditEntry event = audit.entry(tenantId, stored.auditEventId())
                .orElseThrow(() -> new IllegalStateException("The approval's audit event is gone"));
        Optional<InclusionProof> proof = audit.latestInclusion(tenantId, stored.auditEventId());
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("format", FORMAT);
        bundle.put("transactionId", id.toString());
        bundle.put("evidence", stored.jws());
        bundle.put("auditEvent", AuditExport.eventLine(event));
        bundle.put("inclusionProof", proof.map(EvidenceBundles::proof).orElse(null));
        bundle.put("keys", jwks(tenantId, Set.of(stored.kid()), proof.map(p -> kid(p.treeHead().jws())))
                .toJSONObject(true));
        // A tree, so that the members the export writes as null stay there (the API leaves nulls out).
        return CanonicalJson.JSON.valueToTree(bundle);
    }

    /**
     * Evidence under legal hold is never purged; released, it goes at the end of its retention.
     *
     * @throws ApiException {@code transaction_not_found}, or {@code evidence_not_available} unless approved
     */
    @Transactional
    Map<String, Object> legalHold(String tenantId, UUID id, boolean hold) {
        StoredEvidence stored = approvedEvidence(tenantId, id);
        evidence.legalHold(tenantId, id, hold);
        events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.TRANSACTION_LEGAL_HOLD_CHANGED)
                .reason((hold ? "held:" : "released:") + id).build());
        return Map.of("transactionId", id.toString(), "legalHold", hold, "retainUntil", stored.retainUntil());
    }

    /**
     * The active EVIDENCE key, every EVIDENCE key that signed evidence still kept (retired or not:
     * evidence outlives a key's grace), and every AUDIT key (tree heads); public halves only.
     */
    @Transactional
    JWKSet publishedKeys(String tenantId) {
        tenants.require(tenantId);
        keys.active(tenantId, KeyPurpose.EVIDENCE);
        Stream<PublishedKey> evidenceKeys = keys.all(tenantId, KeyPurpose.EVIDENCE).stream()
                .filter(k -> k.status() == KeyStatus.ACTIVE || evidence.signedBy(tenantId, k.kid()));
        return new JWKSet(Stream.concat(evidenceKeys, keys.all(tenantId, KeyPurpose.AUDIT).stream())
                .<JWK>map(PublishedKey::publicJwk).toList());
    }

    private StoredEvidence approvedEvidence(String tenantId, UUID id) {
        Stored t = transactions.find(tenantId, id);
        if (t.statusAt(clock.instant()) != Status.APPROVED) {
            throw new ApiException(TransactionProblem.EVIDENCE_NOT_AVAILABLE,
                    "The transaction is " + t.statusAt(clock.instant()).wireName());
        }
        return evidence.find(tenantId, id).orElseThrow(() -> new ApiException(
                TransactionProblem.EVIDENCE_NOT_AVAILABLE, "The evidence is past its retention"));
    }

    private JWKSet jwks(String tenantId, Set<String> evidenceKids, Optional<String> auditKid) {
        Stream<PublishedKey> evidenceKeys = keys.all(tenantId, KeyPurpose.EVIDENCE).stream()
                .filter(k -> evidenceKids.contains(k.kid()));
        Stream<PublishedKey> auditKeys = keys.all(tenantId, KeyPurpose.AUDIT).stream()
                .filter(k -> auditKid.filter(k.kid()::equals).isPresent());
        return new JWKSet(Stream.concat(evidenceKeys, auditKeys).<JWK>map(PublishedKey::publicJwk).toList());
    }

    private static Map<String, Object> proof(InclusionProof p) {
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("treeSize", p.treeHead().treeSize());
        head.put("rootHash", p.treeHead().rootHash());
        head.put("timestamp", p.treeHead().timestamp().toString());
        head.put("jws", p.treeHead().jws());
        Map<String, Object> proof = new LinkedHashMap<>();
        proof.put("leafIndex", p.leafIndex());
        proof.put("treeSize", p.treeSize());
        proof.put("leafHash", p.leafHash());
        proof.put("auditPath", List.copyOf(p.auditPath()));
        proof.put("treeHead", head);
        return proof;
    }

    private static String kid(String jws) {
        try {
            return JWSObject.parse(jws).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new IllegalStateException("A stored tree head is not a JWS", e);
        }
    }
}
