package io.biometriccore.ceremonies;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static io.biometriccore.testkit.SoftwareAuthenticator.KeyType.ES256;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testkit.AttestationCa;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Packed attestation with a certificate chain (§8.2, x5c) against the configured trust anchors: a
 * chain to a root in {@code biometric.attestation.trust-anchors-dir} is TRUSTED, any other chain is
 * not, and a tenant that requires trusted attestation turns the latter away.
 */
class TrustedAttestationIT extends PostgresIntegrationTest {

    private static final AttestationCa TRUSTED_CA = AttestationCa.generate("Trusted Authenticators");
    private static final AttestationCa UNKNOWN_CA = AttestationCa.generate("Unknown Authenticators");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path trustAnchors = Files.createTempDirectory("trust-anchors");
        trustAnchors.toFile().deleteOnExit();
        TRUSTED_CA.writeRootPem(trustAnchors).toFile().deleteOnExit();
        registry.add("biometric.attestation.trust-anchors-dir", trustAnchors::toString);
    }

    TenantFixture trustedOnly;

    @BeforeEach
    void tenant() {
        trustedOnly = TenantFixture.create(api, "trusted-only", Map.of("requireTrustedAttestation", true));
    }

    static String someone() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void registersAChainToATrustAnchorAsTrustedAndSignsIn() {
        String alice = someone();
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.create(ES256, TRUSTED_CA);

        Response registered = trustedOnly.register(authenticator, alice);

        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        assertThat(registered.json().path("attestationFormat").asString()).isEqualTo("packed");
        assertThat(registered.json().path("attestationTrust").asString()).isEqualTo("TRUSTED");
        Response signedIn = trustedOnly.authenticate(authenticator, alice);
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
    }

    @Test
    void rejectsAChainToAnUnknownRootWhereThePolicyRequiresTrust() {
        Response rejected = trustedOnly.register(SoftwareAuthenticator.create(ES256, UNKNOWN_CA), someone());

        assertThat(rejected.contentType()).startsWith("application/problem+json");
        assertCode(rejected, "attestation_untrusted");
        assertThat(rejected.status()).isEqualTo(400);
    }

    @Test
    void registersAChainToAnUnknownRootAsUntrustedWhereThePolicyAllowsIt() {
        TenantFixture lenient = TenantFixture.create(api, "lenient", Map.of());

        Response registered = lenient.register(SoftwareAuthenticator.create(ES256, UNKNOWN_CA), someone());

        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        assertThat(registered.json().path("attestationTrust").asString()).isEqualTo("UNTRUSTED");
    }

    @Test
    void anMdsRefreshIsRefusedWhereTheDeploymentConfiguresNoSource() {
        assertProblem(api.admin("POST", "/v1/admin/mds/refresh", null), 409, "mds_not_configured");
    }
}
