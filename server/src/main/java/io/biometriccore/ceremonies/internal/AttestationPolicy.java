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
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * §7.1 steps 21–24: classify the verified attestation (none, self, or a certificate chain that does or
 * does not reach a trust anchor) and apply the tenant's policy to it. The statement's own signature was
 * already checked by webauthn4j.
 */
@Component
class AttestationPolicy {

    private final DefaultCertPathTrustworthinessVerifier certPath;
    private final Clock clock;

    AttestationPolicy(TrustAnchors trustAnchors, Clock clock) {
        this.certPath = new DefaultCertPathTrustworthinessVerifier(trustAnchors);
        this.clock = clock;
    }

    AttestationTrust evaluate(TenantPolicy policy, AttestationObject attestationObject) {
        String format = attestationObject.getFormat();
        if (!policy.acceptedAttestationFormats().contains(format)) {
            throw new ApiException(CeremonyProblem.ATTESTATION_FORMAT_NOT_ALLOWED,
                    "The tenant does not accept attestation format " + format);
        }
        AttestationTrust trust = classify(attestationObject);
        requireAllowed(policy, trust);
        return trust;
    }

    private AttestationTrust classify(AttestationObject attestationObject) {
        AttestationStatement statement = attestationObject.getAttestationStatement();
        if (!(statement instanceof CertificateBaseAttestationStatement certified)) {
            return AttestationTrust.NONE;
        }
        if (certified.getX5c() == null || certified.getX5c().isEmpty()) {
            return AttestationTrust.SELF;
        }
        var credentialData = attestationObject.getAuthenticatorData().getAttestedCredentialData();
        try {
            certPath.verify(credentialData.getAaguid(), certified, clock.instant());
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
