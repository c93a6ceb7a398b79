package io.biometriccore.ceremonies.internal;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.RegistrationData;
import io.biometriccore.ceremonies.CeremonyProblem;
import io.biometriccore.ceremonies.CeremonyPurpose;
import io.biometriccore.ceremonies.RegistrationResponse;
import io.biometriccore.credentials.AttestationTrust;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.tenancy.CoseAlgorithm;
import io.biometriccore.tenancy.Requirement;
import io.biometriccore.ceremonies.CeremonyContext;
import io.biometriccore.tenancy.RetentionPolicy;
import io.biometriccore.tenancy.SessionPolicy;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.TenantPolicy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real-world attestation objects from the W3C WebAuthn Level 3 test vectors (packed full attestation
 * and Apple anonymous attestation, both with an x5c chain), verified by the production
 * {@link RegistrationVerifier} with the RP settings they were made for, including the trust path.
 */
class AttestationVectorTests {

    private static final ObjectConverter CONVERTER = new ObjectConverter();
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC);
    private static final Set<CeremonyPurpose> OPEN_ENROLLMENT = Set.of(CeremonyPurpose.OPEN_ENROLLMENT);

    @ParameterizedTest
    @ValueSource(strings = {"w3c-packed-es256", "w3c-apple-es256"})
    void verifiesTheVectorAndTrustsItsChainToTheSpecRoot(String name) throws IOException {
        JsonNode vector = vector(name);
        RegistrationVerifier verifier = verifier(new TrustAnchors(TrustAnchors.readCertificates(anchorPem(vector))));
        RegistrationVerifier.VerifiedRegistration verified = verify(verifier, vector, policy(false));
        assertThat(verified.format()).isEqualTo(vector.path("format").asString());
        assertThat(verified.trust()).isEqualTo(AttestationTrust.TRUSTED);
        assertThat(verified.credentialId()).isEqualTo(Base64Url.decode(vector.path("credentialId").asString(), "id"));
        assertThat(verified.algorithm()).isEqualTo(CoseAlgorithm.ES256.coseIdentifier());
    }

    @ParameterizedTest
    @ValueSource(strings = {"w3c-packed-es256", "w3c-apple-es256"})
    void theSameChainIsUntrustedWithoutItsRoot(String name) throws IOException {
        JsonNode vector = vector(name);
        RegistrationVerifier verifier = verifier(new TrustAnchors(Set.of()));
        assertThat(verify(verifier, vector, policy(false)).trust()).isEqualTo(AttestationTrust.UNTRUSTED);
        assertThatThrownBy(() -> verify(verifier, vector, policy(true)))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertCode(e.problem(), CeremonyProblem.ATTESTATION_UNTRUSTED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"w3c-packed-es256"})
    void aTamperedClientDataHashBreaksTheStatementSignature(String name) throws IOException {
        JsonNode vector = vector(name);
        RegistrationVerifier verifier = verifier(new TrustAnchors(TrustAnchors.readCertificates(anchorPem(vector))));
        String clientData = new String(Base64Url.decode(vector.path("clientDataJSON").asString(), "c"),
                StandardCharsets.UTF_8).replace("}", ",\"x\":1}");
        RegistrationResponse tampered = new RegistrationResponse(
                Base64Url.decode(vector.path("credentialId").asString(), "id"),
                clientData.getBytes(StandardCharsets.UTF_8),
                Base64Url.decode(vector.path("attestationObject").asString(), "a"), Set.of(), null);
        RegistrationData data = verifier.parse(tampered);
        assertThatThrownBy(() -> verifier.verify(tenant(vector, policy(false)), pending(vector), data,
                tampered.rawId(), OPEN_ENROLLMENT))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertCode(e.problem(), CeremonyProblem.SIGNATURE_INVALID));
    }

    /**
     * webauthn4j 0.32 cannot verify two of the spec's vectors: it insists on an all-zero AAGUID for
     * fido-u2f, and cannot decode the TPM vector's certInfo. They must still be clean 4xx rejections.
     */
    @ParameterizedTest
    @CsvSource({"w3c-fido-u2f-es256, ATTESTATION_INVALID", "w3c-tpm-es256, MALFORMED_RESPONSE"})
    void specVectorsWebauthn4jCannotVerifyAreRejectedWithAReason(String name, CeremonyProblem expected)
            throws IOException {
        JsonNode vector = vector(name);
        RegistrationVerifier verifier = verifier(new TrustAnchors(TrustAnchors.readCertificates(anchorPem(vector))));
        assertThatThrownBy(() -> verify(verifier, vector, policy(false)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertCode(e.problem(), expected));
    }

    private static RegistrationVerifier.VerifiedRegistration verify(RegistrationVerifier verifier, JsonNode vector,
            TenantPolicy policy) {
        RegistrationResponse response = new RegistrationResponse(
                Base64Url.decode(vector.path("credentialId").asString(), "id"),
                Base64Url.decode(vector.path("clientDataJSON").asString(), "clientDataJSON"),
                Base64Url.decode(vector.path("attestationObject").asString(), "attestationObject"), Set.of(), null);
        return verifier.verify(tenant(vector, policy), pending(vector), verifier.parse(response), response.rawId(),
                OPEN_ENROLLMENT);
    }

    private static RegistrationVerifier verifier(TrustAnchors anchors) {
        var configuration = new WebAuthnConfiguration();
        var steps = new RegistrationSteps(WebAuthnConfiguration.statementVerifiers(), new AttestationPolicy(anchors),
                (tenant, credentialId) -> false);
        return new RegistrationVerifier(configuration.webAuthnRegistrationManager(CONVERTER), CONVERTER,
                new ServerProperties(), steps, NOW);
    }

    /** The vectors' authenticators did not all set UV, so this tenant prefers it rather than requiring it. */
    private static TenantPolicy policy(boolean requireTrusted) {
        TenantPolicy d = TenantPolicy.defaults();
        return new TenantPolicy(Requirement.PREFERRED, d.residentKey(), d.attestation(),
                d.acceptedAttestationFormats(), false, false, requireTrusted, d.allowedAlgorithms(),
                d.challengeTimeout());
    }

    private static Tenant tenant(JsonNode vector, TenantPolicy policy) {
        return new Tenant("w3c", vector.path("rpId").asString(), "W3C test vectors",
                List.of(vector.path("origin").asString()), true, false, policy, SessionPolicy.defaults(),
                RetentionPolicy.defaults());
    }

    private static PendingCeremony pending(JsonNode vector) {
        return new PendingCeremony("handle", "w3c", CeremonyType.REGISTRATION, CeremonyPurpose.OPEN_ENROLLMENT,
                vector.path("challenge").asString(),
                null, null, "vector", "vector", false, List.of(CoseAlgorithm.ES256.coseIdentifier()), List.of(),
                NOW.instant().plusSeconds(60), CeremonyContext.NONE);
    }

    private static JsonNode vector(String name) throws IOException {
        try (InputStream in = AttestationVectorTests.class.getResourceAsStream("/attestation-vectors/" + name + ".json")) {
            return JsonMapper.builder().build().readTree(in);
        }
    }

    private static InputStream anchorPem(JsonNode vector) {
        return new ByteArrayInputStream(vector.path("trustAnchorPem").asString().getBytes(StandardCharsets.US_ASCII));
    }
}
