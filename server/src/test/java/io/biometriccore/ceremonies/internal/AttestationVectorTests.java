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
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real attestation objects verified by the production {@link RegistrationVerifier} with the RP
 * settings they were made for, including the trust path: the W3C WebAuthn Level 3 test vectors
 * (packed full attestation, Apple anonymous attestation) and, from SimpleWebAuthn's test suite, two
 * Windows Hello {@code tpm} attestations chaining to Microsoft's TPM root, a YubiKey's
 * {@code fido-u2f} attestation chaining to Yubico's U2F root and a Pixel 8a's {@code android-key}
 * attestation chaining to Google's hardware attestation root (ADR 0033; sources and licences in
 * {@code src/test/resources/attestation-vectors/NOTICE.md}).
 */
class AttestationVectorTests {

    private static final ObjectConverter CONVERTER = new ObjectConverter();
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC);
    private static final Set<CeremonyPurpose> OPEN_ENROLLMENT = Set.of(CeremonyPurpose.OPEN_ENROLLMENT);

    /** Every vector that verifies with its trust path; {@link #verifiesTheVectorAndTrustsItsChainToItsRoot} runs them all. */
    static final List<String> VERIFIED = List.of("w3c-packed-es256", "w3c-apple-es256", "simplewebauthn-tpm-ecc",
            "simplewebauthn-tpm-rsa", "simplewebauthn-fido-u2f", "simplewebauthn-android-key",
            "simplewebauthn-android-safetynet");

    /**
     * Every format the server accepts ({@link TenantPolicy#SUPPORTED_FORMATS}) but {@code none}, which
     * has no statement to verify and is exercised end to end in {@code CeremonyIT}, has a real
     * attestation object among the verified vectors.
     */
    @Test
    void everySupportedFormatHasAnAttestationThatVerifiesWithItsTrustPath() throws IOException {
        Set<String> covered = new HashSet<>();
        for (String name : VERIFIED) {
            covered.add(vector(name).path("format").asString());
        }
        Set<String> needed = new HashSet<>(TenantPolicy.SUPPORTED_FORMATS);
        needed.remove("none");
        assertThat(covered).containsAll(needed);
    }

    @ParameterizedTest
    @FieldSource("VERIFIED")
    void verifiesTheVectorAndTrustsItsChainToItsRoot(String name) throws IOException {
        JsonNode vector = vector(name);
        RegistrationVerifier verifier = verifier(new TrustAnchors(TrustAnchors.readCertificates(anchorPem(vector))), vector);
        RegistrationVerifier.VerifiedRegistration verified = verify(verifier, vector, policy(false));
        assertThat(verified.format()).isEqualTo(vector.path("format").asString());
        assertThat(verified.trust()).isEqualTo(AttestationTrust.TRUSTED);
        assertThat(verified.credentialId()).isEqualTo(Base64Url.decode(vector.path("credentialId").asString(), "id"));
        assertThat(verified.algorithm()).isEqualTo(vector.path("algorithm").asLong(CoseAlgorithm.ES256.coseIdentifier()));
    }

    @ParameterizedTest
    @FieldSource("VERIFIED")
    void theSameChainIsUntrustedWithoutItsRoot(String name) throws IOException {
        JsonNode vector = vector(name);
        RegistrationVerifier verifier = verifier(new TrustAnchors(Set.of()), vector);
        assertThat(verify(verifier, vector, policy(false)).trust()).isEqualTo(AttestationTrust.UNTRUSTED);
        assertThatThrownBy(() -> verify(verifier, vector, policy(true)))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertCode(e.problem(), CeremonyProblem.ATTESTATION_UNTRUSTED));
    }

    /** The TPM chain is Microsoft's, the U2F one Yubico's, the Android one Google's: no root vouches for another's device. */
    @ParameterizedTest
    @CsvSource({"simplewebauthn-tpm-ecc, simplewebauthn-fido-u2f", "simplewebauthn-fido-u2f, simplewebauthn-tpm-ecc",
            "simplewebauthn-android-key, simplewebauthn-tpm-ecc"})
    void anotherVendorsRootDoesNotTrustTheChain(String name, String otherRoot) throws IOException {
        JsonNode vector = vector(name);
        RegistrationVerifier verifier = verifier(
                new TrustAnchors(TrustAnchors.readCertificates(anchorPem(vector(otherRoot)))), vector);
        assertThat(verify(verifier, vector, policy(false)).trust()).isEqualTo(AttestationTrust.UNTRUSTED);
    }

    /**
     * Verified today rather than inside their validity: the RSA TPM's AIK certificate (expired
     * 2025-03-21) and the Pixel's chain (2025-02-02) trust nothing, and a SafetyNet response from 2019
     * is refused for its timestamp before its chain is looked at.
     */
    @ParameterizedTest
    @CsvSource({"simplewebauthn-tpm-rsa, ATTESTATION_UNTRUSTED", "simplewebauthn-android-key, ATTESTATION_UNTRUSTED",
            "simplewebauthn-android-safetynet, ATTESTATION_INVALID"})
    void anAttestationPastItsValidityIsRefused(String name, CeremonyProblem expected) throws IOException {
        JsonNode vector = vector(name);
        RegistrationVerifier verifier = verifier(new TrustAnchors(TrustAnchors.readCertificates(anchorPem(vector))),
                NOW);
        assertThatThrownBy(() -> verify(verifier, vector, policy(true)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.problem()).isEqualTo(expected));
    }

    /**
     * The statement signs over the clientDataJSON's hash: for packed, fido-u2f and android-key the
     * signature breaks;
     * a TPM's certInfo carries the hash as extraData and a SafetyNet response as its nonce, and
     * webauthn4j refuses the mismatch first.
     */
    @ParameterizedTest
    @CsvSource({"w3c-packed-es256, SIGNATURE_INVALID", "simplewebauthn-fido-u2f, SIGNATURE_INVALID",
            "simplewebauthn-tpm-ecc, ATTESTATION_INVALID", "simplewebauthn-tpm-rsa, ATTESTATION_INVALID",
            "simplewebauthn-android-key, SIGNATURE_INVALID", "simplewebauthn-android-safetynet, ATTESTATION_INVALID"})
    void aTamperedClientDataHashBreaksTheStatement(String name, CeremonyProblem expected) throws IOException {
        JsonNode vector = vector(name);
        RegistrationVerifier verifier = verifier(new TrustAnchors(TrustAnchors.readCertificates(anchorPem(vector))), vector);
        String clientData = new String(Base64Url.decode(vector.path("clientDataJSON").asString(), "c"),
                StandardCharsets.UTF_8);
        int end = clientData.lastIndexOf('}');
        String tamperedClientData = clientData.substring(0, end) + ",\"x\":1}";
        RegistrationResponse tampered = new RegistrationResponse(
                Base64Url.decode(vector.path("credentialId").asString(), "id"),
                tamperedClientData.getBytes(StandardCharsets.UTF_8),
                Base64Url.decode(vector.path("attestationObject").asString(), "a"), Set.of(), null);
        RegistrationData data = verifier.parse(tampered);
        assertThatThrownBy(() -> verifier.verify(tenant(vector, policy(false)), pending(vector), data,
                tampered.rawId(), OPEN_ENROLLMENT, (established, refusal) -> { }))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertCode(e.problem(), expected));
    }

    /**
     * webauthn4j 0.32 cannot verify two of the spec's synthetic vectors: it insists on the all-zero
     * AAGUID that every real U2F device reports, and cannot decode the TPM vector's certInfo. The real
     * devices' objects above verify; these must still be clean 4xx rejections.
     */
    @ParameterizedTest
    @CsvSource({"w3c-fido-u2f-es256, ATTESTATION_INVALID", "w3c-tpm-es256, MALFORMED_RESPONSE"})
    void specVectorsWebauthn4jCannotVerifyAreRejectedWithAReason(String name, CeremonyProblem expected)
            throws IOException {
        JsonNode vector = vector(name);
        RegistrationVerifier verifier = verifier(new TrustAnchors(TrustAnchors.readCertificates(anchorPem(vector))), vector);
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
                OPEN_ENROLLMENT, (established, refusal) -> { });
    }

    /** Verifies at the vector's {@code verifiedAt} instant when it has one (its chain has since expired). */
    private static RegistrationVerifier verifier(TrustAnchors anchors, JsonNode vector) {
        return verifier(anchors, vector.has("verifiedAt")
                ? Clock.fixed(Instant.parse(vector.path("verifiedAt").asString()), ZoneOffset.UTC) : NOW);
    }

    private static RegistrationVerifier verifier(TrustAnchors anchors, Clock clock) {
        var configuration = new WebAuthnConfiguration();
        var steps = new RegistrationSteps(WebAuthnConfiguration.statementVerifiers(), new AttestationPolicy(anchors),
                StepFixture.NO_METADATA, (tenant, credentialId) -> false);
        return new RegistrationVerifier(configuration.webAuthnRegistrationManager(CONVERTER), CONVERTER,
                new ServerProperties(), steps, clock, StepFixture.NO_METADATA_SOURCE);
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
                null, null, "vector", "vector", false,
                Arrays.stream(CoseAlgorithm.values()).map(CoseAlgorithm::coseIdentifier).toList(), List.of(),
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
