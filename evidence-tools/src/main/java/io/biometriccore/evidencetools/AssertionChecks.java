package io.biometriccore.evidencetools;

import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionAuthenticatorOutput;
import com.webauthn4j.util.SignatureUtil;
import io.biometriccore.evidencetools.EvidenceVerifier.Outcome;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The checks of the customer's assertion inside the evidence: the dynamic linking of its challenge to
 * the transaction (PSD2 RTS Art. 5), and what WebAuthn Level 3 §7.2 steps 11-21 require of
 * clientDataJSON, authenticatorData and the signature, re-done offline. COSE and authenticatorData
 * are parsed by webauthn4j.
 */
final class AssertionChecks {

    private static final ObjectConverter CONVERTER = new ObjectConverter();
    private static final AuthenticatorDataConverter AUTHENTICATOR_DATA = new AuthenticatorDataConverter(CONVERTER);

    private final Members evidence;

    AssertionChecks(Members evidence) {
        this.evidence = evidence;
    }

    /** challenge.value = SHA-256(nonce ‖ transactionHash bytes). */
    Outcome challengeDerivation() {
        Members challenge = evidence.object("challenge");
        byte[] expected = Hashes.sha256(challenge.binary("nonce"), evidence.binary("transactionHash"));
        if (!MessageDigest.isEqual(expected, challenge.binary("value"))) {
            return Outcome.failed(Reason.CHALLENGE_DERIVATION_INVALID,
                    "challenge.value is not SHA-256(nonce || transactionHash): expected " + Hashes.base64url(expected));
        }
        return Outcome.ok("the challenge is SHA-256(nonce || transactionHash): it commits to this transaction");
    }

    /** §7.2 step 12: the challenge the authenticator signed is the evidence's challenge. */
    Outcome challengeBinding() {
        byte[] signed = clientData().binary("challenge");
        if (!MessageDigest.isEqual(signed, evidence.object("challenge").binary("value"))) {
            return Outcome.failed(Reason.CHALLENGE_NOT_BOUND, "clientDataJSON.challenge "
                    + Hashes.base64url(signed) + " is not challenge.value");
        }
        return Outcome.ok("the authenticator signed this challenge (clientDataJSON.challenge)");
    }

    /** §7.2 step 11 (SPC: payment.get). */
    Outcome clientDataType() {
        String expected = spc() ? "payment.get" : "webauthn.get";
        String type = clientData().text("type");
        if (!expected.equals(type)) {
            return Outcome.failed(Reason.CLIENT_DATA_TYPE_INVALID, "clientDataJSON.type is " + type + ", not "
                    + expected + " for method " + evidence.text("method"));
        }
        return Outcome.ok("clientDataJSON.type is " + type);
    }

    /** §7.2 step 13: the origin is one of the relying party's (SPC: or the merchant's top origin). */
    Outcome origin() {
        boolean spc = spc();
        Members rp = evidence.object("relyingParty");
        String origin = clientData().text("origin");
        List<String> origins = rp.texts("origins");
        boolean allowed = origins.contains(origin) || (spc && origin.equals(rp.optionalText("spcTopOrigin")));
        if (!allowed) {
            return Outcome.failed(Reason.ORIGIN_NOT_ALLOWED, "clientDataJSON.origin " + origin
                    + " is not one of " + origins + (spc ? " nor spcTopOrigin" : ""));
        }
        return Outcome.ok("the origin " + origin + " is the relying party's");
    }

    /** §7.2 step 15. */
    Outcome rpIdHash() {
        String rpId = evidence.object("relyingParty").text("rpId");
        if (!MessageDigest.isEqual(authenticatorData().getRpIdHash(), Hashes.sha256(Hashes.utf8(rpId)))) {
            return Outcome.failed(Reason.RP_ID_HASH_MISMATCH, "authenticatorData.rpIdHash is not SHA-256(\"" + rpId
                    + "\")");
        }
        return Outcome.ok("authenticatorData is for the relying party " + rpId);
    }

    /** §7.2 step 16. */
    Outcome userPresent() {
        return authenticatorData().isFlagUP() ? Outcome.ok("the user was present (UP)")
                : Outcome.failed(Reason.USER_NOT_PRESENT, "the UP flag is not set");
    }

    /** §7.2 step 17: always required for a transaction approval. */
    Outcome userVerified() {
        return authenticatorData().isFlagUV() ? Outcome.ok("the user was verified (UV)")
                : Outcome.failed(Reason.USER_NOT_VERIFIED, "the UV flag is not set");
    }

    /** §7.2 step 18: BE never changes for a credential, so the record's claim must match the assertion. */
    Outcome backupEligibility() {
        boolean recorded = evidence.object("credential").bool("backupEligible");
        boolean asserted = authenticatorData().isFlagBE();
        if (recorded != asserted) {
            return Outcome.failed(Reason.BACKUP_ELIGIBILITY_MISMATCH, "the BE flag is " + asserted
                    + " but credential.backupEligible is " + recorded);
        }
        return Outcome.ok(recorded ? "the credential is backup eligible (a synced passkey)"
                : "the credential is not backup eligible (device-bound)");
    }

    /** §7.2 step 6: the assertion is by the transaction's customer. */
    Outcome customer() {
        byte[] customer = evidence.object("customer").binary("userHandle");
        byte[] ofTransaction = evidence.object("transaction").binary("customer");
        byte[] returned = evidence.object("assertion").optionalBinary("userHandle");
        if (!Arrays.equals(customer, ofTransaction) || (returned != null && !Arrays.equals(customer, returned))) {
            return Outcome.failed(Reason.CUSTOMER_MISMATCH, "the transaction's customer, customer.userHandle and "
                    + "the assertion's userHandle are not the same");
        }
        return Outcome.ok("the assertion is by the transaction's customer");
    }

    /** §7.2 step 20: the signature over authenticatorData ‖ SHA-256(clientDataJSON) by the credential key. */
    Outcome signature() {
        Members assertion = evidence.object("assertion");
        Members credential = evidence.object("credential");
        COSEKey key;
        Signature verifier;
        try {
            key = CONVERTER.getCborConverter().readValue(credential.binary("publicKey"), COSEKey.class);
            long algorithm = credential.number("algorithm");
            if (key == null || !key.hasPublicKey()
                    || (key.getAlgorithm() != null && key.getAlgorithm().getValue() != algorithm)) {
                return Outcome.failed(Reason.CREDENTIAL_KEY_INVALID, "credential.publicKey is not a COSE public key"
                        + " of algorithm " + algorithm);
            }
            verifier = SignatureUtil.createSignature(COSEAlgorithmIdentifier.create(algorithm).toSignatureAlgorithm());
            verifier.initVerify(key.getPublicKey());
        } catch (RuntimeException | GeneralSecurityException e) {
            return Outcome.failed(Reason.CREDENTIAL_KEY_INVALID, "credential.publicKey cannot be used: "
                    + e.getMessage());
        }
        try {
            verifier.update(assertion.binary("authenticatorData"));
            verifier.update(Hashes.sha256(assertion.binary("clientDataJSON")));
            if (verifier.verify(assertion.binary("signature"))) {
                return Outcome.ok("the WebAuthn signature by credential " + assertion.text("credentialId")
                        + " is valid");
            }
        } catch (SignatureException e) {
            return Outcome.failed(Reason.WEBAUTHN_SIGNATURE_INVALID, "the signature is malformed: " + e.getMessage());
        }
        return Outcome.failed(Reason.WEBAUTHN_SIGNATURE_INVALID,
                "the signature does not verify over authenticatorData || SHA-256(clientDataJSON)");
    }

    /** SPC §4.2 / §5.3: the payment data the browser showed is the transaction's. */
    Outcome spcPayment() {
        return new SpcPayment(evidence, clientData()).check();
    }

    private boolean spc() {
        String method = evidence.text("method");
        if (!method.equals("webauthn") && !method.equals("spc")) {
            throw new Members.Malformed("method is " + method + ", neither webauthn nor spc");
        }
        return method.equals("spc");
    }

    Members clientData() {
        byte[] json = evidence.object("assertion").binary("clientDataJSON");
        try {
            JsonNode node = EvidenceBundle.JSON.readTree(json);
            return Members.of(node, "clientDataJSON");
        } catch (JacksonException e) {
            throw new Members.Malformed("assertion.clientDataJSON is not JSON");
        }
    }

    AuthenticatorData<AuthenticationExtensionAuthenticatorOutput> authenticatorData() {
        byte[] bytes = evidence.object("assertion").binary("authenticatorData");
        try {
            return AUTHENTICATOR_DATA.convert(bytes);
        } catch (RuntimeException e) {
            throw new Members.Malformed("assertion.authenticatorData cannot be parsed: " + e.getMessage());
        }
    }
}
