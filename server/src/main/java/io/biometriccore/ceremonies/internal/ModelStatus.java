package io.biometriccore.ceremonies.internal;

import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.statement.FIDOU2FAttestationStatement;
import io.biometriccore.ceremonies.CeremonyProblem;
import io.biometriccore.metadata.AuthenticatorMetadata;
import io.biometriccore.metadata.MetadataEntry;
import io.biometriccore.shared.ApiException;
import io.biometriccore.tenancy.TenantPolicy;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Registration against the model's FIDO MDS3 status reports (FIDO Metadata Service v3.0 §3.1.3): a
 * model reported with a status of the tenant's {@link TenantPolicy#statusDeny()} is refused with
 * {@code authenticator_status_denied}. The model is found by AAGUID, or for fido-u2f by the
 * attestationCertificateKeyIdentifier of its certificate. With no BLOB in force, or a model MDS does not
 * list, there is nothing to refuse: demanding metadata is {@code requireTrustedAttestation}'s part.
 */
final class ModelStatus {

    private final AuthenticatorMetadata metadata;

    ModelStatus(AuthenticatorMetadata metadata) {
        this.metadata = metadata;
    }

    void requireNotDenied(TenantPolicy policy, AttestationObject attestationObject) {
        entry(attestationObject).ifPresent(entry -> requireNotDenied(policy, entry));
    }

    /**
     * For a registered credential, by its AAGUID: a fido-u2f one (zero AAGUID) is found by its attestation
     * certificate only, which is not kept, so it is never refused here.
     */
    void requireNotDenied(TenantPolicy policy, UUID aaguid) {
        metadata.findByAaguid(aaguid).ifPresent(entry -> requireNotDenied(policy, entry));
    }

    private static void requireNotDenied(TenantPolicy policy, MetadataEntry entry) {
        TreeSet<String> denied = new TreeSet<>(entry.statuses());
        denied.retainAll(policy.statusDeny());
        if (!denied.isEmpty()) {
            throw new ApiException(CeremonyProblem.AUTHENTICATOR_STATUS_DENIED,
                    "FIDO metadata reports this model as " + String.join(", ", denied));
        }
    }

    /** The model's entry in the BLOB in force: by AAGUID, or for fido-u2f by its attestation certificate. */
    Optional<MetadataEntry> entry(AttestationObject attestationObject) {
        if (attestationObject.getAttestationStatement() instanceof FIDOU2FAttestationStatement u2f) {
            return metadata.findByAttestationCertificateKeyIdentifier(
                    keyIdentifier(u2f.getX5c().getEndEntityAttestationCertificate().getCertificate()));
        }
        var credentialData = Objects.requireNonNull(attestationObject.getAuthenticatorData().getAttestedCredentialData(),
                "attestedCredentialData");
        return metadata.findByAaguid(credentialData.getAaguid().getValue());
    }

    /** FIDO Metadata Statement §4: the hex SHA-1 of the certificate's subjectPublicKey bit string. */
    static String keyIdentifier(X509Certificate certificate) {
        byte[] key = SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded()).getPublicKeyData()
                .getBytes();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(key));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a required JDK algorithm", e);
        }
    }
}
