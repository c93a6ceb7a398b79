package io.biometriccore.evidencetools;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Verifies an {@link EvidenceBundle} offline, every check of docs/transactions.md §Verification in
 * order, each on its own: a failed check never hides the others, so the report names every tampered
 * part. The platform record checks are here; the assertion's are in {@link AssertionChecks}, the audit
 * log's in {@link AuditChecks}.
 */
public final class EvidenceVerifier {

    /** The JWS {@code typ} of an evidence record. */
    public static final JOSEObjectType EVIDENCE_TYPE = new JOSEObjectType("bc-evidence+json");

    private EvidenceVerifier() {
    }

    /**
     * Runs every check of {@code bundle} against {@code keys}.
     *
     * @param requireInclusion whether a bundle without an inclusion proof fails instead of being
     *                         reported as not checked
     */
    public static List<CheckResult> verify(EvidenceBundle bundle, JWKSet keys, boolean requireInclusion) {
        Members evidence = Members.of(bundle.evidence(), "");
        List<CheckResult> results = new ArrayList<>();
        results.add(platformSignature(bundle, keys));
        results.add(check("canonical_record", () -> canonicalRecord(bundle)));
        results.add(check("transaction_identity", () -> transactionIdentity(bundle, evidence)));
        results.add(check("transaction_hash", () -> transactionHash(evidence)));
        AssertionChecks assertion = new AssertionChecks(evidence);
        results.add(check("challenge_derivation", assertion::challengeDerivation));
        results.add(check("challenge_binding", assertion::challengeBinding));
        results.add(check("client_data_type", assertion::clientDataType));
        results.add(check("origin", assertion::origin));
        results.add(check("rp_id_hash", assertion::rpIdHash));
        results.add(check("user_present", assertion::userPresent));
        results.add(check("user_verified", assertion::userVerified));
        results.add(check("backup_eligibility", assertion::backupEligibility));
        results.add(check("customer", assertion::customer));
        results.add(check("webauthn_signature", assertion::signature));
        if ("spc".equals(bundle.evidence().path("method").asString(""))) {
            results.add(check("spc_payment", assertion::spcPayment));
        }
        AuditChecks audit = new AuditChecks(bundle, evidence, keys);
        results.add(check("audit_event", audit::event));
        results.addAll(audit.inclusion(requireInclusion));
        return results;
    }

    /** Runs one check; a member it cannot read fails it as {@link Reason#EVIDENCE_MALFORMED}. */
    static CheckResult check(String name, Supplier<Outcome> check) {
        try {
            Outcome outcome = check.get();
            return outcome.reason() == null ? CheckResult.ok(name, outcome.detail())
                    : CheckResult.failed(name, outcome.reason(), outcome.detail());
        } catch (Members.Malformed e) {
            return CheckResult.failed(name, Reason.EVIDENCE_MALFORMED, e.getMessage());
        }
    }

    /** What one check found: no reason when it passed. */
    record Outcome(@Nullable Reason reason, String detail) {
        static Outcome ok(String detail) {
            return new Outcome(null, detail);
        }

        static Outcome failed(Reason reason, String detail) {
            return new Outcome(reason, detail);
        }
    }

    private static CheckResult platformSignature(EvidenceBundle bundle, JWKSet keys) {
        String name = "platform_signature";
        JWSHeader header = bundle.parsedJws().getHeader();
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm()) || !EVIDENCE_TYPE.equals(header.getType())) {
            return CheckResult.failed(name, Reason.PLATFORM_SIGNATURE_INVALID, "the JWS header is alg "
                    + header.getAlgorithm() + ", typ " + header.getType() + ", not ES256 and " + EVIDENCE_TYPE);
        }
        JWK key = header.getKeyID() == null ? null : keys.getKeyByKeyId(header.getKeyID());
        if (!(key instanceof ECKey ec)) {
            return CheckResult.failed(name, Reason.EVIDENCE_KEY_UNKNOWN, "the keys hold no EC key with kid "
                    + header.getKeyID());
        }
        try {
            if (bundle.parsedJws().verify(new ECDSAVerifier(ec.toPublicJWK()))) {
                return CheckResult.ok(name, "the platform's ES256 signature is valid (evidence key " + ec.getKeyID()
                        + ")");
            }
        } catch (JOSEException e) {
            return CheckResult.failed(name, Reason.PLATFORM_SIGNATURE_INVALID, "cannot verify: " + e.getMessage());
        }
        return CheckResult.failed(name, Reason.PLATFORM_SIGNATURE_INVALID,
                "the JWS signature does not verify under evidence key " + ec.getKeyID());
    }

    private static Outcome canonicalRecord(EvidenceBundle bundle) {
        byte[] payload = bundle.payload();
        if (!Arrays.equals(Hashes.canonical(new String(payload, StandardCharsets.UTF_8)), payload)) {
            return Outcome.failed(Reason.EVIDENCE_NOT_CANONICAL, "the signed payload is not RFC 8785 canonical JSON");
        }
        return Outcome.ok("the signed record is RFC 8785 canonical JSON");
    }

    private static Outcome transactionIdentity(EvidenceBundle bundle, Members evidence) {
        Members transaction = evidence.object("transaction");
        String tenant = evidence.text("tenantId");
        if (!tenant.equals(transaction.text("tenantId"))) {
            return Outcome.failed(Reason.TRANSACTION_ID_MISMATCH, "the evidence is of tenant " + tenant
                    + " but its transaction of tenant " + transaction.text("tenantId"));
        }
        if (!bundle.transactionId().equals(transaction.text("id"))) {
            return Outcome.failed(Reason.TRANSACTION_ID_MISMATCH, "the bundle is of transaction "
                    + bundle.transactionId() + " but the evidence of " + transaction.text("id"));
        }
        return Outcome.ok("the evidence is of transaction " + bundle.transactionId() + " of tenant " + tenant);
    }

    private static Outcome transactionHash(Members evidence) {
        byte[] computed = Hashes.sha256(Hashes.canonical(evidence.present("transaction")));
        byte[] stated = evidence.binary("transactionHash");
        if (!MessageDigest.isEqual(computed, stated)) {
            return Outcome.failed(Reason.TRANSACTION_HASH_MISMATCH, "SHA-256 of the canonical transaction is "
                    + Hashes.base64url(computed) + ", the evidence states " + evidence.text("transactionHash"));
        }
        return Outcome.ok("transactionHash is SHA-256 of the canonical transaction shown");
    }
}
