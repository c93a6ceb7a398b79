package io.biometriccore.ceremonies.internal;

import com.webauthn4j.WebAuthnAuthenticationManager;
import com.webauthn4j.WebAuthnRegistrationManager;
import com.webauthn4j.verifier.attestation.statement.AttestationStatementVerifier;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.verifier.attestation.statement.androidkey.AndroidKeyAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.androidsafetynet.AndroidSafetyNetAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.apple.AppleAnonymousAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.none.NoneAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.packed.PackedAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.tpm.TPMAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.u2f.FIDOU2FAttestationStatementVerifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import io.biometriccore.credentials.Credentials;
import io.biometriccore.metadata.AuthenticatorMetadata;
import io.biometriccore.risk.RiskEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * webauthn4j's parsers, and the two ceremonies' step lists. Every attestation statement format gets
 * its real verifier, so every statement's signature and certificate-to-key binding is checked. The
 * certificate path is then judged by {@link AttestationPolicy} against the trust anchors for the
 * authenticator's AAGUID ({@link AttestationAnchors}), because
 * whether an untrusted chain is acceptable is tenant policy (see
 * docs/adr/0004-attestation-trust-is-tenant-policy.md).
 */
@Configuration(proxyBeanMethods = false)
class WebAuthnConfiguration {

    @Bean
    ObjectConverter webAuthnObjectConverter() {
        return new ObjectConverter();
    }

    /** Parses registration responses; {@link RegistrationSteps} verifies them. */
    @Bean
    WebAuthnRegistrationManager webAuthnRegistrationManager(ObjectConverter converter) {
        return WebAuthnRegistrationManager.createNonStrictWebAuthnRegistrationManager(converter);
    }

    /** Parses assertions; {@link AssertionSteps} verifies them. */
    @Bean
    WebAuthnAuthenticationManager webAuthnAuthenticationManager(ObjectConverter converter) {
        return new WebAuthnAuthenticationManager(List.of(), converter);
    }

    /** §7.1 as a list, with every format's statement verifier; step 25 asks the credential store. */
    @Bean
    RegistrationSteps registrationSteps(AttestationPolicy attestationPolicy, AuthenticatorMetadata metadata,
            Credentials credentials) {
        return new RegistrationSteps(statementVerifiers(), attestationPolicy, new ModelStatus(metadata),
                (tenantId, credentialId) -> credentials.find(tenantId, credentialId).isPresent());
    }

    static List<AttestationStatementVerifier> statementVerifiers() {
        return List.of(new PackedAttestationStatementVerifier(), new TPMAttestationStatementVerifier(),
                new AndroidKeyAttestationStatementVerifier(), new AndroidSafetyNetAttestationStatementVerifier(),
                new AppleAnonymousAttestationStatementVerifier(), new FIDOU2FAttestationStatementVerifier(),
                new NoneAttestationStatementVerifier());
    }

    /** §7.2 as a list; a regressed counter blocks the credential, and the risk engine has the last word. */
    @Bean
    AssertionSteps assertionSteps(Credentials credentials, RiskEngine risk, AuthenticatorMetadata metadata) {
        return new AssertionSteps(credentials::markSuspectedClone, new RiskQuestions(risk, metadata)::assess);
    }

    /** The configured PEM anchors (bound to AAGUIDs or not) and the MDS3 statements' roots, per model. */
    @Bean
    AttestationAnchors attestationTrustAnchors(
            @Value("${biometric.attestation.trust-anchors-dir:#{null}}") @Nullable Path directory,
            AuthenticatorMetadata metadata) {
        return new AttestationAnchors(
                directory == null ? new TrustAnchors(Set.of()) : TrustAnchors.fromDirectory(directory), metadata);
    }
}
