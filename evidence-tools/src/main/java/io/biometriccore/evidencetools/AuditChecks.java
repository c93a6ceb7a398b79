package io.biometriccore.evidencetools;

import com.nimbusds.jose.jwk.JWKSet;
import io.biometriccore.audittools.AuditEntry;
import io.biometriccore.audittools.AuditExport;
import io.biometriccore.audittools.MerkleTree;
import io.biometriccore.audittools.TreeHead;
import io.biometriccore.evidencetools.EvidenceVerifier.Outcome;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The audit log's side of the evidence: the {@code transaction.approved} event names this JWS by its
 * hash (so the evidence existed when the event was written), its Merkle leaf is in the tenant's log
 * (RFC 9162 §2.1.3.2 inclusion proof) and the log's root is in a tree head signed by an audit key.
 */
final class AuditChecks {

    /** The event type that binds the evidence. */
    static final String APPROVED = "transaction.approved";

    private final EvidenceBundle bundle;
    private final Members evidence;
    private final JWKSet keys;

    AuditChecks(EvidenceBundle bundle, Members evidence, JWKSet keys) {
        this.bundle = bundle;
        this.evidence = evidence;
        this.keys = keys;
    }

    /** {@code sha256:} + base64url(SHA-256(ASCII of the compact JWS)). */
    static String evidenceReason(String jws) {
        return "sha256:" + Hashes.base64url(Hashes.sha256(jws.getBytes(StandardCharsets.US_ASCII)));
    }

    Outcome event() {
        AuditEntry event = entry();
        if (event == null) {
            return Outcome.failed(Reason.AUDIT_EVENT_MISSING, "the bundle has no audit event");
        }
        if (!APPROVED.equals(event.eventType())) {
            return Outcome.failed(Reason.AUDIT_EVENT_TYPE_INVALID, "the audit event is " + event.eventType()
                    + ", not " + APPROVED);
        }
        String expected = evidenceReason(bundle.jws());
        if (!expected.equals(event.reason()) || !event.tenantId().equals(evidence.text("tenantId"))) {
            return Outcome.failed(Reason.AUDIT_EVENT_NOT_BOUND, "the audit event's reason " + event.reason()
                    + " (tenant " + event.tenantId() + ") is not " + expected + " of this evidence");
        }
        return Outcome.ok("the audit event " + APPROVED + " of " + event.occurredAt() + " names this evidence by its"
                + " SHA-256");
    }

    /** The inclusion proof and the tree head's signature, or why they were not checked. */
    List<CheckResult> inclusion(boolean required) {
        if (bundle.inclusionProof() == null) {
            String detail = "the bundle has no inclusion proof yet (the audit log was not sealed past the event)";
            return List.of(required ? CheckResult.failed("audit_inclusion", Reason.INCLUSION_PROOF_MISSING, detail)
                    : CheckResult.notChecked("audit_inclusion", detail + ": audit inclusion NOT checked"));
        }
        return List.of(EvidenceVerifier.check("audit_inclusion", this::inclusionProof),
                EvidenceVerifier.check("tree_head_signature", this::treeHeadSignature));
    }

    private Outcome inclusionProof() {
        Members proof = Members.of(bundle.inclusionProof(), "inclusionProof");
        AuditEntry event = entry();
        if (event == null) {
            return Outcome.failed(Reason.AUDIT_EVENT_MISSING, "there is no audit event to prove the inclusion of");
        }
        long leafIndex = proof.number("leafIndex");
        long treeSize = proof.number("treeSize");
        byte[] leafHash = event.leafHash(leafIndex);
        if (!MessageDigest.isEqual(leafHash, proof.binary("leafHash"))) {
            return Outcome.failed(Reason.LEAF_HASH_MISMATCH, "the audit event's leaf hash at index " + leafIndex
                    + " is " + Hashes.base64url(leafHash) + ", the proof states " + proof.text("leafHash"));
        }
        Members head = proof.object("treeHead");
        if (head.number("treeSize") != treeSize) {
            return Outcome.failed(Reason.INCLUSION_PROOF_INVALID, "the proof is for a tree of " + treeSize
                    + " leaves, the tree head is of " + head.number("treeSize"));
        }
        if (!MerkleTree.inclusionVerifies(leafIndex, treeSize, leafHash, proof.binaries("auditPath"),
                head.binary("rootHash"))) {
            return Outcome.failed(Reason.INCLUSION_PROOF_INVALID, "the audit path does not lead from leaf "
                    + leafIndex + " to the root of the tree of " + treeSize + " leaves (RFC 9162 2.1.3.2)");
        }
        return Outcome.ok("the audit event is leaf " + leafIndex + " of the tree of " + treeSize + " leaves");
    }

    private Outcome treeHeadSignature() {
        Members head = Members.of(bundle.inclusionProof(), "inclusionProof").object("treeHead");
        TreeHead treeHead = new TreeHead(evidence.text("tenantId"), head.number("treeSize"), head.binary("rootHash"),
                timestamp(head), head.text("jws"));
        if (!treeHead.signatureValid(keys)) {
            return Outcome.failed(Reason.TREE_HEAD_SIGNATURE_INVALID, "the tree head's JWS is not ES256 by a key of"
                    + " the set over exactly its tenant, size, root and timestamp");
        }
        return Outcome.ok("the tree head of " + treeHead.treeSize() + " leaves at " + treeHead.timestamp()
                + " is signed by an audit key");
    }

    private static Instant timestamp(Members head) {
        JsonNode value = head.present("timestamp");
        if (value.isIntegralNumber()) {
            return Instant.ofEpochMilli(value.longValue());
        }
        try {
            return Instant.parse(head.text("timestamp"));
        } catch (DateTimeParseException e) {
            throw new Members.Malformed("inclusionProof.treeHead.timestamp is not an RFC 3339 instant");
        }
    }

    private @Nullable AuditEntry entry() {
        JsonNode node = bundle.auditEvent();
        if (node == null) {
            return null;
        }
        try {
            return AuditExport.readEvent(node);
        } catch (IllegalArgumentException e) {
            throw new Members.Malformed("auditEvent: " + e.getMessage());
        }
    }
}
