package io.biometriccore.appintegrity.internal;

import com.webauthn4j.appattest.DeviceCheckManager;
import com.webauthn4j.appattest.data.DCAssertion;
import com.webauthn4j.appattest.data.attestation.statement.AppleAppAttestAttestationStatement;
import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.AttestationCertificatePath;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionAuthenticatorOutput;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import com.webauthn4j.util.ECUtil;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;

/**
 * An iPhone's App Attest key, simulated: attestations shaped as Apple's (a credential certificate whose
 * extension 1.2.840.113635.100.8.2 holds the nonce, issued by an intermediate of a root the test makes)
 * and assertions signed over {@code SHA-256(authData || SHA-256(clientData))}, encoded with webauthn4j's
 * own converters. The layout follows Apple's "Validating apps that connect to your server" and the
 * objects webauthn4j-appattest's tests verify (Apache License 2.0).
 */
final class AppAttestDevice {

    private static final ObjectConverter CONVERTER = DeviceCheckManager.createObjectConverter();
    private static final byte ATTESTED_CREDENTIAL_DATA = 0x40;

    private final TestPki.Issued intermediate;
    private final String appId;
    private final AAGUID aaguid;
    private final KeyPair key = TestPki.ecKeys();

    AppAttestDevice(TestPki.Issued intermediate, String appId, boolean development) {
        this.intermediate = intermediate;
        this.appId = appId;
        this.aaguid = development ? AppAttestVerifier.DEVELOPMENT : AppAttestVerifier.PRODUCTION;
    }

    /** SHA-256 of the uncompressed public key, as App Attest names its keys. */
    byte[] keyId() {
        return Digests.sha256(ECUtil.createUncompressedPublicKey((ECPublicKey) key.getPublic()));
    }

    byte[] attestation(byte[] challenge) {
        return attestation(challenge, intermediate.keys(), 0);
    }

    /** An attestation with {@code counter}, whose credential certificate is signed by {@code certificateSigner}. */
    byte[] attestation(byte[] challenge, KeyPair certificateSigner, long counter) {
        var credential = new AttestedCredentialData(aaguid, keyId(),
                EC2COSEKey.create((ECPublicKey) key.getPublic(), COSEAlgorithmIdentifier.ES256));
        AuthenticatorData<RegistrationExtensionAuthenticatorOutput> authenticatorData =
                new AuthenticatorData<>(Digests.sha256(appId.getBytes(StandardCharsets.UTF_8)), ATTESTED_CREDENTIAL_DATA, counter, credential);
        byte[] nonce = Digests.sha256(new AuthenticatorDataConverter(CONVERTER).convert(authenticatorData), Digests.sha256(challenge));
        X509Certificate credentialCertificate = TestPki.leaf(intermediate, key, AppAttestNonce.EXTENSION_OID,
                new DERSequence(new DERTaggedObject(true, 1, new DEROctetString(nonce))), certificateSigner);
        var statement = new AppleAppAttestAttestationStatement(
                new AttestationCertificatePath(List.of(credentialCertificate, intermediate.certificate())),
                "receipt".getBytes(StandardCharsets.US_ASCII));
        return new AttestationObjectConverter(CONVERTER).convertToBytes(new AttestationObject(authenticatorData, statement));
    }

    /** An assertion as Apple makes it: the AT flag set, without attested credential data. */
    byte[] assertion(long counter, byte[] clientData) {
        AuthenticatorData<AuthenticationExtensionAuthenticatorOutput> authenticatorData =
                new AuthenticatorData<>(Digests.sha256(appId.getBytes(StandardCharsets.UTF_8)), ATTESTED_CREDENTIAL_DATA, counter);
        byte[] authenticatorDataBytes = new AuthenticatorDataConverter(CONVERTER).convert(authenticatorData);
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(key.getPrivate());
            signature.update(Digests.sha256(authenticatorDataBytes, Digests.sha256(clientData)));
            return CONVERTER.getCborMapper().writeValueAsBytes(new DCAssertion(signature.sign(), authenticatorDataBytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
