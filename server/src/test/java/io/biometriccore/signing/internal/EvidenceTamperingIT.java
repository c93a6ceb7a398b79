package io.biometriccore.signing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.audit.internal.AuditSealer;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One real sealed evidence bundle the server made, tampered with member by member: evidence-tools'
 * offline verifier fails each copy with the reason id of the check it breaks (docs/transactions.md),
 * and it verifies the untouched bundle only with the keys the tenant publishes, not another tenant's.
 */
class EvidenceTamperingIT extends PostgresIntegrationTest {

    private static JsonNode bundle;
    private static String keys;
    private static String otherTenantsKeys;

    @Autowired
    AuditSealer sealer;

    @TempDir
    Path dir;

    /** The one server-made bundle every test tampers with, approved and sealed once. */
    @BeforeEach
    void sealedBundle() {
        if (bundle != null) {
            return;
        }
        ApprovingCustomer customer = new ApprovingCustomer(api, sealer, "tamper-bank");
        String id = customer.register(customer.payment());
        BankFixture.require(customer.approve(id), 200);
        bundle = customer.sealedBundle(id);
        keys = customer.publishedKeys();
        ApprovingCustomer other = new ApprovingCustomer(api, sealer, "tamper-other-bank");
        BankFixture.require(other.approve(other.register(other.payment())), 200);
        otherTenantsKeys = other.publishedKeys();
    }

    @Test
    void theUntouchedBundleVerifiesWithTheTenantsPublishedKeys() {
        OfflineVerification verified = OfflineVerification.of(bundle, keys, dir);

        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.reasons()).isEmpty();
        assertThat(verified.output()).contains("pinned: the keys given with --keys", "VALID: every check passed");
    }

    @Test
    void anotherTenantsKeysDoNotVerifyIt() {
        OfflineVerification verified = OfflineVerification.of(bundle, otherTenantsKeys, dir);

        assertThat(verified.exitCode()).as(verified.output()).isEqualTo(1);
        assertThat(verified.reasons()).containsExactly("evidence_key_unknown", "tree_head_signature_invalid");
    }

    @Test
    void aChangedAmountFailsTheTransactionHash() {
        OfflineVerification verified = verifyRecordChanged(record ->
                record.withObject("transaction").withObject("amount").put("value", "9250.00"));

        assertThat(verified.exitCode()).as(verified.output()).isEqualTo(1);
        assertThat(verified.reasons()).containsExactly("platform_signature_invalid", "transaction_hash_mismatch",
                "audit_event_not_bound");
    }

    @Test
    void aChangedPayeeFailsTheTransactionHash() {
        OfflineVerification verified = verifyRecordChanged(record ->
                record.withObject("transaction").withObject("payee").put("name", "Mallory Ltd"));

        assertThat(verified.exitCode()).as(verified.output()).isEqualTo(1);
        assertThat(verified.reasons()).containsExactly("platform_signature_invalid", "transaction_hash_mismatch",
                "audit_event_not_bound");
    }

    @Test
    void aChangedWebAuthnSignatureFailsTheWebAuthnSignature() {
        OfflineVerification verified = verifyRecordChanged(record -> {
            byte[] signature = OfflineVerification.unb64(record.path("assertion").path("signature").asString());
            signature[signature.length - 1] ^= 0x01;
            record.withObject("assertion").put("signature", OfflineVerification.b64(signature));
        });

        assertThat(verified.exitCode()).as(verified.output()).isEqualTo(1);
        assertThat(verified.reasons()).containsExactly("platform_signature_invalid", "webauthn_signature_invalid",
                "audit_event_not_bound");
    }

    @Test
    void aChangedPlatformSignatureFailsThePlatformSignature() {
        ObjectNode changed = (ObjectNode) bundle.deepCopy();
        String[] parts = bundle.path("evidence").asString().split("\\.");
        byte[] signature = OfflineVerification.unb64(parts[2]);
        signature[0] ^= 0x01;
        changed.put("evidence", parts[0] + "." + parts[1] + "." + OfflineVerification.b64(signature));

        OfflineVerification verified = OfflineVerification.of(changed, keys, dir);

        assertThat(verified.exitCode()).as(verified.output()).isEqualTo(1);
        assertThat(verified.reasons()).containsExactly("platform_signature_invalid", "audit_event_not_bound");
    }

    @Test
    void aChangedInclusionProofFailsTheInclusion() {
        ObjectNode changed = (ObjectNode) bundle.deepCopy();
        assertThat(changed.path("inclusionProof").path("auditPath").size()).as("the proof has a path").isPositive();
        changed.withObject("inclusionProof").withArray("auditPath").set(0, OfflineVerification.b64(new byte[32]));

        OfflineVerification verified = OfflineVerification.of(changed, keys, dir);

        assertThat(verified.exitCode()).as(verified.output()).isEqualTo(1);
        assertThat(verified.reasons()).containsExactly("inclusion_proof_invalid");
    }

    @Test
    void aChangedTreeHeadFailsItsSignature() {
        ObjectNode changed = (ObjectNode) bundle.deepCopy();
        changed.withObject("inclusionProof").withObject("treeHead").put("timestamp", Instant.parse(
                changed.path("inclusionProof").path("treeHead").path("timestamp").asString()).plusMillis(1).toString());

        OfflineVerification verified = OfflineVerification.of(changed, keys, dir);

        assertThat(verified.exitCode()).as(verified.output()).isEqualTo(1);
        assertThat(verified.reasons()).containsExactly("tree_head_signature_invalid");
    }

    private OfflineVerification verifyRecordChanged(Consumer<ObjectNode> change) {
        return OfflineVerification.of(OfflineVerification.withRecord(bundle, change), keys, dir);
    }
}
