package io.biometriccore.appintegrity.internal;

import com.webauthn4j.verifier.exception.BadAttestationStatementException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;

/**
 * The App Attest nonce in the credential certificate: extension 1.2.840.113635.100.8.2, whose value is
 * {@code SEQUENCE { [1] EXPLICIT OCTET STRING nonce }}, read with BouncyCastle's ASN.1 classes.
 */
final class AppAttestNonce {

    static final String EXTENSION_OID = "1.2.840.113635.100.8.2";

    private AppAttestNonce() {
    }

    /** @throws BadAttestationStatementException when the certificate carries no readable nonce */
    static byte[] of(X509Certificate credentialCertificate) {
        byte[] extension = credentialCertificate.getExtensionValue(EXTENSION_OID);
        if (extension == null) {
            throw new BadAttestationStatementException("The credential certificate has no App Attest nonce extension");
        }
        try {
            ASN1Sequence sequence = ASN1Sequence.getInstance(ASN1OctetString.getInstance(extension).getOctets());
            return ASN1OctetString.getInstance(ASN1TaggedObject.getInstance(sequence.getObjectAt(0)), true).getOctets();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new BadAttestationStatementException("The App Attest nonce extension is not SEQUENCE { [1] OCTET STRING }", e);
        }
    }
}
