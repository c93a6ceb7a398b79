package io.biometriccore.appintegrity.internal;

import com.webauthn4j.appattest.data.attestation.statement.AppleAppAttestAttestationStatement;
import com.webauthn4j.appattest.verifier.DCRegistrationObject;
import com.webauthn4j.data.attestation.statement.AttestationType;
import com.webauthn4j.util.ECUtil;
import com.webauthn4j.verifier.CoreRegistrationObject;
import com.webauthn4j.verifier.attestation.statement.AbstractStatementVerifier;
import com.webauthn4j.verifier.exception.BadAttestationStatementException;
import com.webauthn4j.verifier.exception.BadChallengeException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;

/**
 * The {@code apple-appattest} statement steps of Apple's attestation validation, ported from
 * webauthn4j-appattest's {@code AppleAppAttestAttestationStatementVerifier} (Apache License 2.0): that
 * class in 0.31.2 reads the nonce with an ASN.1 helper webauthn4j-core 0.32 no longer has, and 0.32.0
 * of webauthn4j-appattest is not published where we resolve (ADR 0047). The chain (step 1) is
 * webauthn4j-core's certificate-path verifier, run by {@link CoreRegistrationDataVerifierForAppAttest}.
 * A wrong nonce is a {@link BadChallengeException}: the nonce is the challenge's only binding.
 */
final class AppAttestStatementVerifier extends AbstractStatementVerifier<AppleAppAttestAttestationStatement> {

    @Override
    public AttestationType verify(CoreRegistrationObject registrationObject) {
        if (!(registrationObject instanceof DCRegistrationObject appAttest) || !supports(registrationObject)) {
            throw new IllegalArgumentException("Only apple-appattest registrations are verified here");
        }
        var statement = (AppleAppAttestAttestationStatement) registrationObject.getAttestationObject().getAttestationStatement();
        if (statement == null || statement.getX5c() == null || statement.getX5c().isEmpty()) {
            throw new BadAttestationStatementException("No x5c in the apple-appattest attestation statement");
        }
        X509Certificate credential = statement.getX5c().getEndEntityAttestationCertificate().getCertificate();
        //spec| 2.-4. clientDataHash appended to the authenticator data, hashed with SHA256 as nonce,
        //spec| equal to the octet string of credCert's extension 1.2.840.113635.100.8.2.
        byte[] expected = Digests.sha256(registrationObject.getAuthenticatorDataBytes(), registrationObject.getClientDataHash());
        byte[] nonce = AppAttestNonce.of(credential);
        if (!MessageDigest.isEqual(nonce, expected)) {
            throw new BadChallengeException("The App Attest nonce is not over this authenticator data and challenge",
                    expected, nonce);
        }
        //spec| 5. the SHA256 hash of the public key in credCert matches the key identifier from your app.
        if (!(credential.getPublicKey() instanceof ECPublicKey publicKey) || !MessageDigest.isEqual(
                Digests.sha256(ECUtil.createUncompressedPublicKey(publicKey)), appAttest.getKeyId())) {
            throw new BadAttestationStatementException("The key identifier is not the SHA-256 of credCert's public key");
        }
        return AttestationType.BASIC;
    }
}
