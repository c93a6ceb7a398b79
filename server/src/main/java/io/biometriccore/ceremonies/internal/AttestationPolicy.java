package io.biometriccore.ceremonies.internal;

import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.statement.AttestationStatement;
import com.webauthn4j.data.attestation.statement.CertificateBaseAttestationStatement;
import com.webauthn4j.verifier.attestation.trustworthiness.certpath.DefaultCertPathTrustworthinessVerifier;
import com.webauthn4j.verifier.exception.VerificationException;
import io.biometriccore.ceremonies.CeremonyProblem;
import io.biometriccore.credentials.AttestationTrust;
import io.biometriccore.shared.ApiException;
import io.biometriccore.tenancy.TenantPolicy;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * §7.1 step 23: classify the verified attestation (none, self, or a certificate chain that does or
 * does not reach a trust anchor) and apply the tenant's policy to it. The statement's own signature was
 * checked in step 22.
 */
@Component
class AttestationPolicy {

    private final DefaultCertPathTrustworthinessVerifier certPath;

    AttestationPolicy(TrustAnchors trustAnchors) {
        this.certPath = new DefaultCertPathTrustworthinessVerifier(trustAnchors);
    }

    /** @param at when the chain must be valid */
    AttestationTrust assess(TenantPolicy policy, AttestationObject attestationObject, Instant at) {
        AttestationTrust trust = classify(attestationObject, at);
        requireAllowed(policy, trust);
        return trust;
    }

    private AttestationTrust classify(AttestationObject attestationObject, Instant at) {
        AttestationStatement statement = attestationObject.getAttestationStatement();
        if (!(statement instanceof CertificateBaseAttestationStatement certified)) {
            return AttestationTrust.NONE;
        }
        if (certified.getX5c() == null || certified.getX5c().isEmpty()) {
            return AttestationTrust.SELF;
        }
        var credentialData = attestationObject.getAuthenticatorData().getAttestedCredentialData();
        try {
            certPath.verify(credentialData.getAaguid(), certified, at);
            return AttestationTrust.TRUSTED;
        } catch (VerificationException e) {
            return AttestationTrust.UNTRUSTED;
        }
    }

    private static void requireAllowed(TenantPolicy policy, AttestationTrust trust) {
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
