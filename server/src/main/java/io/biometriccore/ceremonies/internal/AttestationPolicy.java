package io.biometriccore.ceremonies.internal;

import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.statement.AttestationStatement;
import com.webauthn4j.data.attestation.statement.CertificateBaseAttestationStatement;
import com.webauthn4j.anchor.TrustAnchorRepository;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.verifier.attestation.trustworthiness.certpath.DefaultCertPathTrustworthinessVerifier;
import com.webauthn4j.verifier.exception.VerificationException;
import io.biometriccore.ceremonies.CeremonyProblem;
import io.biometriccore.credentials.AttestationTrust;
import io.biometriccore.shared.ApiException;
import io.biometriccore.tenancy.TenantPolicy;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * §7.1 step 23: classify the verified attestation (none, self, or a certificate chain that does or
 * does not reach a trust anchor for the authenticator's AAGUID), and the tenant's policy on it. The
 * statement's own signature was checked in step 22.
 *
 * <p>A chain that is self attestation in effect counts as {@link AttestationTrust#SELF}, whatever its
 * anchors: a self-signed leaf certificate (anyone can make one), or, in a format whose leaf certifies a
 * separate attestation key (all but {@code apple} §8.8 and {@code android-key} §8.4, whose leaf certifies
 * the credential key by design), a leaf certifying the credential key itself. So it is never TRUSTED,
 * and refused where self attestation is (docs/mds.md).
 */
@Component
class AttestationPolicy {

    /** The formats whose leaf certificate certifies the credential key itself. */
    private static final Set<String> CREDENTIAL_KEY_CERTIFIED = Set.of("apple", "android-key");

    private final DefaultCertPathTrustworthinessVerifier certPath;

    AttestationPolicy(TrustAnchorRepository trustAnchors) {
        this.certPath = new DefaultCertPathTrustworthinessVerifier(trustAnchors);
    }

    /** @param at when the chain must be valid */
    AttestationTrust assess(AttestationObject attestationObject, Instant at) {
        AttestationStatement statement = attestationObject.getAttestationStatement();
        if (!(statement instanceof CertificateBaseAttestationStatement certified)) {
            return AttestationTrust.NONE;
        }
        if (certified.getX5c() == null || certified.getX5c().isEmpty()) {
            return AttestationTrust.SELF;
        }
        AttestedCredentialData credentialData = Objects.requireNonNull(
                attestationObject.getAuthenticatorData().getAttestedCredentialData(), "attestedCredentialData");
        if (selfMade(attestationObject.getFormat(), certified.getX5c().getEndEntityAttestationCertificate()
                .getCertificate(), credentialData)) {
            return AttestationTrust.SELF;
        }
        try {
            certPath.verify(credentialData.getAaguid(), certified, at);
            return AttestationTrust.TRUSTED;
        } catch (VerificationException e) {
            return AttestationTrust.UNTRUSTED;
        }
    }

    private static boolean selfMade(String format, X509Certificate leaf, AttestedCredentialData credentialData) {
        if (selfSigned(leaf)) {
            return true;
        }
        var credentialKey = credentialData.getCOSEKey().getPublicKey();
        return !CREDENTIAL_KEY_CERTIFIED.contains(format) && credentialKey != null
                && credentialKey.equals(leaf.getPublicKey());
    }

    private static boolean selfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The tenant's policy on the assessment: allowNone, allowSelf, requireTrustedAttestation. */
    static void requireAllowed(TenantPolicy policy, AttestationTrust trust) {
        if (trust == AttestationTrust.NONE && !policy.allowNoneAttestation()) {
            throw new ApiException(CeremonyProblem.ATTESTATION_NONE_NOT_ALLOWED);
        }
        if (trust == AttestationTrust.SELF && !policy.allowSelfAttestation()) {
            throw new ApiException(CeremonyProblem.ATTESTATION_SELF_NOT_ALLOWED);
        }
        if (policy.requireTrustedAttestation() && trust != AttestationTrust.TRUSTED) {
            throw new ApiException(CeremonyProblem.ATTESTATION_UNTRUSTED);
        }
    }
}
