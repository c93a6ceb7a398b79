package io.biometriccore.evidencetools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.biometriccore.evidencetools.TestBundles.Tampering;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every check of the verifier on real bundles ({@link TestBundles}): a valid bundle of each kind
 * passes, and each tampered part fails with exactly the reasons it should. "An outsider" edits a
 * signed bundle; "a platform holding every key" changes the record before signing it, which only the
 * customer's WebAuthn signature can catch.
 */
class EvidenceVerifierTests {

    private final TestBundles bundles = new TestBundles();

    @Test
    void aValidWebAuthnBundlePasses() {
        assertThat(failures(bundles.bundle(bundles.payment()))).isEmpty();
    }

    @Test
    void aValidBatchBundlePasses() {
        assertThat(failures(bundles.bundle(bundles.batch()))).isEmpty();
    }

    @Test
    void aValidSpcBundlePassesWithThePaymentDataChecked() {
        List<CheckResult> results = results(bundles.bundle(bundles.spcPayment(), "spc", Tampering.NONE),
                bundles.keys());

        assertThat(results).noneMatch(CheckResult::failed);
        assertThat(results).extracting(CheckResult::check).contains("spc_payment");
    }

    @Test
    void anOutsiderChangingTheAmountFailsTheHashAndTheSignature() {
        ObjectNode bundle = outsider(bundles.bundle(bundles.payment()),
                r -> transaction(r).withObject("amount").put("value", "9250.00"));

        assertThat(failures(bundle)).containsExactlyInAnyOrder("platform_signature_invalid",
                "transaction_hash_mismatch", "audit_event_not_bound");
    }

    @Test
    void anOutsiderChangingThePayeeFailsTheHashAndTheSignature() {
        ObjectNode bundle = outsider(bundles.bundle(bundles.payment()),
                r -> transaction(r).withObject("payee").put("account", "GB33BUKB20201555555555"));

        assertThat(failures(bundle)).containsExactlyInAnyOrder("platform_signature_invalid",
                "transaction_hash_mismatch", "audit_event_not_bound");
    }

    @Test
    void anOutsiderChangingOneBatchItemsAmountFailsTheHashAndTheSignature() {
        ObjectNode bundle = outsider(bundles.bundle(bundles.batch()),
                r -> ((ObjectNode) transaction(r).withArray("items").get(1)).withObject("amount").put("value", "20.00"));

        assertThat(failures(bundle)).containsExactlyInAnyOrder("platform_signature_invalid",
                "transaction_hash_mismatch", "audit_event_not_bound");
    }

    @Test
    void aPlatformChangingTheAmountWithoutRehashingFailsTheTransactionHash() {
        ObjectNode bundle = platform(bundles.payment(), r -> transaction(r).withObject("amount").put("value", "1.00"));

        assertThat(failures(bundle)).containsExactly("transaction_hash_mismatch");
    }

    @Test
    void aPlatformChangingTheAmountAndEveryHashCannotForgeTheCustomersChallenge() {
        ObjectNode bundle = platform(bundles.payment(), r -> {
            transaction(r).withObject("amount").put("value", "1.00");
            byte[] hash = TestBundles.sha256(TestBundles.canonical(r.path("transaction")));
            r.put("transactionHash", TestBundles.b64(hash));
            byte[] nonce = Base64.getUrlDecoder().decode(r.path("challenge").path("nonce").asString());
            r.withObject("challenge").put("value", TestBundles.b64(TestBundles.sha256(nonce, hash)));
            return r;
        });

        assertThat(failures(bundle)).containsExactly("challenge_not_bound");
    }

    @Test
    void aChangedNonceFailsTheChallengeDerivation() {
        ObjectNode bundle = platform(bundles.payment(),
                r -> r.withObject("challenge").put("nonce", TestBundles.b64(new byte[32])));

        assertThat(failures(bundle)).containsExactly("challenge_derivation_invalid");
    }

    @Test
    void aTamperedWebAuthnSignatureFails() {
        ObjectNode bundle = platform(bundles.payment(), r -> {
            byte[] signature = binary(r.path("assertion"), "signature");
            signature[signature.length - 1] ^= 0x01;
            return r.withObject("assertion").put("signature", TestBundles.b64(signature));
        });

        assertThat(failures(bundle)).containsExactly("webauthn_signature_invalid");
    }

    @Test
    void aTamperedClientDataJsonFailsTheSignatureAndTheOrigin() {
        ObjectNode bundle = platform(bundles.payment(), r -> {
            String clientData = new String(binary(r.path("assertion"), "clientDataJSON"), StandardCharsets.UTF_8);
            String tampered = clientData.replace(TestBundles.ORIGIN, "https://evil.example");
            return r.withObject("assertion").put("clientDataJSON",
                    TestBundles.b64(tampered.getBytes(StandardCharsets.UTF_8)));
        });

        assertThat(failures(bundle)).containsExactlyInAnyOrder("webauthn_signature_invalid", "origin_not_allowed");
    }

    @Test
    void anAssertionFromAnotherOriginFails() {
        ObjectNode bundle = bundles.bundle(bundles.payment(), "webauthn",
                Tampering.input(in -> in.withOrigin("https://evil.example")));

        assertThat(failures(bundle)).containsExactly("origin_not_allowed");
    }

    @Test
    void anAssertionForAnotherRelyingPartyFails() {
        ObjectNode bundle = bundles.bundle(bundles.payment(), "webauthn",
                Tampering.input(in -> in.withRpId("evil.example")));

        assertThat(failures(bundle)).containsExactly("rp_id_hash_mismatch");
    }

    @Test
    void aRegistrationClientDataFailsTheType() {
        ObjectNode bundle = bundles.bundle(bundles.payment(), "webauthn",
                Tampering.input(in -> in.withType("webauthn.create")));

        assertThat(failures(bundle)).containsExactly("client_data_type_invalid");
    }

    @Test
    void anAssertionWithoutUserVerificationFails() {
        ObjectNode bundle = bundles.bundle(bundles.payment(), "webauthn",
                Tampering.input(in -> in.withUserVerified(false)));

        assertThat(failures(bundle)).containsExactly("user_not_verified");
    }

    @Test
    void anAssertionWithoutUserPresenceFails() {
        ObjectNode bundle = bundles.bundle(bundles.payment(), "webauthn",
                Tampering.input(in -> in.withUserPresent(false)));

        assertThat(failures(bundle)).containsExactly("user_not_present");
    }

    @Test
    void aSyncedCredentialClaimedDeviceBoundFails() {
        ObjectNode bundle = bundles.bundle(bundles.payment(), "webauthn",
                Tampering.input(in -> in.withBackupEligible(true)));

        assertThat(failures(bundle)).containsExactly("backup_eligibility_mismatch");
    }

    @Test
    void anotherCustomerFails() {
        ObjectNode bundle = platform(bundles.payment(),
                r -> r.withObject("customer").put("userHandle", TestBundles.b64(new byte[16])));

        assertThat(failures(bundle)).containsExactly("customer_mismatch");
    }

    @Test
    void aPublicKeyThatIsNotCoseFails() {
        ObjectNode bundle = platform(bundles.payment(),
                r -> r.withObject("credential").put("publicKey", TestBundles.b64(new byte[] {1, 2, 3})));

        assertThat(failures(bundle)).containsExactly("credential_key_invalid");
    }

    @Test
    void aMissingMemberFailsItsChecksAsMalformedNamingIt() {
        ObjectNode bundle = platform(bundles.payment(), r -> {
            r.withObject("assertion").remove("signature");
            return r;
        });

        List<CheckResult> results = results(bundle, bundles.keys());
        assertThat(failures(bundle)).containsExactly("evidence_malformed");
        assertThat(results).filteredOn(CheckResult::failed).singleElement()
                .extracting(CheckResult::detail).isEqualTo("assertion.signature is missing");
    }

    @Test
    void anSpcPaymentTheBrowserShowedDifferentlyFailsNamingTheField() {
        ObjectNode bundle = bundles.bundle(bundles.spcPayment(), "spc",
                Tampering.payment(p -> p.withObject("total").put("value", "12.50")));

        List<CheckResult> results = results(bundle, bundles.keys());
        assertThat(failures(bundle)).containsExactly("spc_payment_mismatch");
        assertThat(results).filteredOn(CheckResult::failed).singleElement()
                .extracting(CheckResult::detail).asString().endsWith("in total");
    }

    @Test
    void anSpcAssertionForAnotherMerchantFailsTheTopOrigin() {
        ObjectNode bundle = bundles.bundle(bundles.spcPayment(), "spc",
                Tampering.payment(p -> p.put("topOrigin", "https://other-shop.example")));

        assertThat(failures(bundle)).containsExactly("spc_payment_mismatch");
    }

    @Test
    void anSpcAssertionWithAnotherPayeeOriginAndInstrumentFailsNamingBoth() {
        ObjectNode bundle = bundles.bundle(bundles.spcPayment(), "spc", Tampering.payment(p -> {
            p.put("payeeOrigin", "https://evil-payee.example");
            p.withObject("instrument").put("displayName", "Another card");
            return p;
        }));

        assertThat(results(bundle, bundles.keys())).filteredOn(CheckResult::failed).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(Reason.SPC_PAYMENT_MISMATCH))
                .extracting(CheckResult::detail).asString().endsWith("in payeeOrigin, instrument");
    }

    @Test
    void aWebAuthnAssertionDoesNotPassAsAnSpcOne() {
        ObjectNode bundle = platform(bundles.spcPayment(), r -> r.put("method", "spc"));

        assertThat(failures(bundle)).contains("client_data_type_invalid", "evidence_malformed");
    }

    @Test
    void anUnknownMethodFailsTheChecksThatDependOnItAsMalformed() {
        ObjectNode bundle = platform(bundles.payment(), r -> r.put("method", "sms"));

        assertThat(results(bundle, bundles.keys())).filteredOn(CheckResult::failed)
                .extracting(CheckResult::check, r -> r.reason().id(), CheckResult::detail)
                .containsExactly(tuple("client_data_type", "evidence_malformed",
                        "method is sms, neither webauthn nor spc"), tuple("origin",
                        "evidence_malformed", "method is sms, neither webauthn nor spc"));
    }

    @Test
    void aTamperedPlatformSignatureFails() {
        ObjectNode bundle = bundles.bundle(bundles.payment());
        String[] parts = bundle.path("evidence").asString().split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[5] ^= 0x01;
        bundle.put("evidence", parts[0] + "." + parts[1] + "." + TestBundles.b64(signature));

        assertThat(failures(bundle)).containsExactlyInAnyOrder("platform_signature_invalid", "audit_event_not_bound");
    }

    @Test
    void aPayloadThatIsNotCanonicalFails() throws JOSEException, java.text.ParseException {
        ObjectNode bundle = bundles.bundle(bundles.payment());
        JsonNode record = TestBundles.JSON.readTree(JWSObject.parse(bundle.path("evidence").asString())
                .getPayload().toBytes());
        JWSObject pretty = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(bundles.evidenceKey.getKeyID()).type(EvidenceVerifier.EVIDENCE_TYPE).build(),
                new Payload(TestBundles.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(record)));
        pretty.sign(new ECDSASigner(bundles.evidenceKey));
        bundle.put("evidence", pretty.serialize());

        assertThat(failures(bundle)).containsExactlyInAnyOrder("evidence_not_canonical", "audit_event_not_bound");
    }

    @Test
    void anHs256SignatureKeyedWithThePublicEvidenceKeyFails() throws JOSEException, java.text.ParseException {
        ObjectNode bundle = bundles.bundle(bundles.payment());
        Payload payload = JWSObject.parse(bundle.path("evidence").asString()).getPayload();
        JWSObject confused = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(bundles.evidenceKey.getKeyID()).type(EvidenceVerifier.EVIDENCE_TYPE).build(), payload);
        confused.sign(new MACSigner(bundles.evidenceKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)));
        bundle.put("evidence", confused.serialize());

        assertThat(failures(bundle)).containsExactlyInAnyOrder("platform_signature_invalid", "audit_event_not_bound");
    }

    @Test
    void anUnsignedEvidenceRecordIsNotABundle() throws java.text.ParseException {
        ObjectNode bundle = bundles.bundle(bundles.payment());
        String[] parts = bundle.path("evidence").asString().split("\\.");
        for (String alg : List.of("none", "None", "NONE")) {
            String header = TestBundles.b64(("{\"alg\":\"" + alg + "\",\"kid\":\"" + bundles.evidenceKey.getKeyID()
                    + "\",\"typ\":\"bc-evidence+json\"}").getBytes(StandardCharsets.UTF_8));
            bundle.put("evidence", header + "." + parts[1] + ".");

            assertThatThrownBy(() -> EvidenceBundle.read(TestBundles.JSON.writeValueAsBytes(bundle)))
                    .isInstanceOf(UnreadableBundleException.class);
        }
    }

    @Test
    void aSignedRecordWithADuplicateMemberIsNotABundle() throws JOSEException, java.text.ParseException {
        ObjectNode bundle = bundles.bundle(bundles.payment());
        String record = JWSObject.parse(bundle.path("evidence").asString()).getPayload().toString();
        JWSObject twice = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(bundles.evidenceKey.getKeyID()).type(EvidenceVerifier.EVIDENCE_TYPE).build(),
                new Payload(record.replaceFirst("\\{", "{\"approvedAt\":\"2030-01-01T00:00:00.000Z\",")));
        twice.sign(new ECDSASigner(bundles.evidenceKey));
        bundle.put("evidence", twice.serialize());

        assertThatThrownBy(() -> EvidenceBundle.read(TestBundles.JSON.writeValueAsBytes(bundle)))
                .isInstanceOf(UnreadableBundleException.class).hasMessageContaining("Duplicate");
    }

    @Test
    void aBundleOfAnotherTransactionFails() {
        ObjectNode bundle = bundles.bundle(bundles.payment());
        bundle.put("transactionId", "00000000-0000-0000-0000-000000000000");

        assertThat(failures(bundle)).containsExactly("transaction_id_mismatch");
    }

    @Test
    void aTamperedInclusionProofPathFails() {
        ObjectNode bundle = bundles.bundle(bundles.payment());
        ArrayNode path = bundle.withObject("inclusionProof").withArray("auditPath");
        path.set(0, TestBundles.b64(new byte[32]));

        assertThat(failures(bundle)).containsExactly("inclusion_proof_invalid");
    }

    @Test
    void aTamperedTreeHeadSignatureFails() {
        ObjectNode bundle = bundles.bundle(bundles.payment());
        ObjectNode head = bundle.withObject("inclusionProof").withObject("treeHead");
        String[] parts = head.path("jws").asString().split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[0] ^= 0x01;
        head.put("jws", parts[0] + "." + parts[1] + "." + TestBundles.b64(signature));

        assertThat(failures(bundle)).containsExactly("tree_head_signature_invalid");
    }

    @Test
    void aTreeHeadWithAnotherRootFailsTheProofAndItsSignature() {
        ObjectNode bundle = bundles.bundle(bundles.payment());
        bundle.withObject("inclusionProof").withObject("treeHead").put("rootHash", TestBundles.b64(new byte[32]));

        assertThat(failures(bundle)).containsExactlyInAnyOrder("inclusion_proof_invalid",
                "tree_head_signature_invalid");
    }

    @Test
    void aTamperedAuditEventReasonFailsTheBindingAndTheLeaf() {
        ObjectNode bundle = bundles.bundle(bundles.payment());
        bundle.withObject("auditEvent").put("reason", "sha256:" + TestBundles.b64(new byte[32]));

        assertThat(failures(bundle)).containsExactlyInAnyOrder("audit_event_not_bound", "leaf_hash_mismatch");
    }

    @Test
    void anAuditEventOfAnotherTypeFails() {
        ObjectNode bundle = bundles.bundle(bundles.payment());
        bundle.withObject("auditEvent").put("eventType", "transaction.declined");

        assertThat(failures(bundle)).containsExactlyInAnyOrder("audit_event_type_invalid", "leaf_hash_mismatch");
    }

    @Test
    void aBundleWithoutItsAuditEventFails() {
        ObjectNode bundle = bundles.bundle(bundles.payment());
        bundle.remove("auditEvent");

        assertThat(failures(bundle)).containsExactlyInAnyOrder("audit_event_missing", "audit_event_missing");
    }

    @Test
    void aBundleNotYetSealedPassesWithTheInclusionNotChecked() {
        ObjectNode bundle = bundles.bundle(bundles.payment(), "webauthn", Tampering.unsealed());

        List<CheckResult> results = results(bundle, bundles.keys());
        assertThat(results).noneMatch(CheckResult::failed);
        assertThat(results).filteredOn(r -> r.status() == CheckResult.Status.NOT_CHECKED)
                .extracting(CheckResult::check).containsExactly("audit_inclusion");
        assertThat(EvidenceVerifier.verify(read(bundle), bundles.keys(), true)).filteredOn(CheckResult::failed)
                .extracting(r -> r.reason().id()).containsExactly("inclusion_proof_missing");
    }

    @Test
    void keysOfAnotherTenantFailBothSignatures() throws JOSEException {
        JWKSet impostor = new JWKSet(List.of(
                new ECKeyGenerator(Curve.P_256).keyID(bundles.evidenceKey.getKeyID()).generate().toPublicJWK(),
                new ECKeyGenerator(Curve.P_256).keyID(bundles.auditKey.getKeyID()).generate().toPublicJWK()));

        assertThat(failures(results(bundles.bundle(bundles.payment()), impostor)))
                .containsExactlyInAnyOrder("platform_signature_invalid", "tree_head_signature_invalid");
    }

    @Test
    void keysWithoutTheSigningKeyFailAsUnknownKey() throws JOSEException {
        JWKSet other = new JWKSet(new ECKeyGenerator(Curve.P_256).keyID("other").generate().toPublicJWK());

        assertThat(failures(results(bundles.bundle(bundles.payment()), other)))
                .containsExactlyInAnyOrder("evidence_key_unknown", "tree_head_signature_invalid");
    }

    /** A platform that holds every key: it changes the record, then signs and seals it. */
    private ObjectNode platform(ObjectNode transaction, UnaryOperator<ObjectNode> change) {
        return bundles.bundle(transaction, "webauthn", Tampering.record(change));
    }

    /** An outsider: changes the signed payload of a finished bundle, keeping header and signature. */
    private static ObjectNode outsider(ObjectNode bundle, UnaryOperator<ObjectNode> change) {
        String[] parts = bundle.path("evidence").asString().split("\\.");
        ObjectNode record = (ObjectNode) TestBundles.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        change.apply(record);
        bundle.put("evidence", parts[0] + "." + TestBundles.b64(TestBundles.canonical(record)) + "." + parts[2]);
        return bundle;
    }

    private static ObjectNode transaction(ObjectNode record) {
        return record.withObject("transaction");
    }

    private static byte[] binary(JsonNode node, String name) {
        return Base64.getUrlDecoder().decode(node.path(name).asString());
    }

    private List<String> failures(ObjectNode bundle) {
        return failures(results(bundle, bundles.keys()));
    }

    private static List<String> failures(List<CheckResult> results) {
        return results.stream().filter(CheckResult::failed).map(r -> r.reason().id()).toList();
    }

    private static List<CheckResult> results(ObjectNode bundle, JWKSet keys) {
        return EvidenceVerifier.verify(read(bundle), keys, false);
    }

    static EvidenceBundle read(ObjectNode bundle) {
        try {
            return EvidenceBundle.read(TestBundles.JSON.writeValueAsBytes(bundle));
        } catch (UnreadableBundleException e) {
            throw new AssertionError(e);
        }
    }
}
