package io.biometriccore.ceremonies;

import static io.biometriccore.testkit.SoftwareAuthenticator.Attestation.PACKED_SELF;
import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.tenancy.CoseAlgorithm;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.Asserted;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Every algorithm a tenant may allow ({@link CoseAlgorithm}, all of it) registers and signs in over
 * HTTP with a software authenticator holding a key of that algorithm: self attestation signed with
 * the credential key, then an assertion, on a tenant that allows them all.
 */
class AlgorithmsIT extends PostgresIntegrationTest {

    private static final String TENANT = "algorithms";

    TenantFixture bank;

    @BeforeEach
    void tenantAllowingEveryAlgorithm() {
        List<String> all = Arrays.stream(CoseAlgorithm.values()).map(CoseAlgorithm::name).toList();
        bank = TenantFixture.create(api, TENANT, Map.of("allowedAlgorithms", all));
    }

    @ParameterizedTest
    @EnumSource(CoseAlgorithm.class)
    void registersAndSignsInWithEveryAdvertisedAlgorithm(CoseAlgorithm algorithm) throws SQLException {
        String username = "alg-" + algorithm.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        KeyType keyType = KeyType.valueOf(algorithm.name());
        assertThat(keyType.coseIdentifier()).isEqualTo(algorithm.coseIdentifier());
        assertThat(bank.registrationOptions(username).path("pubKeyCredParams").findValuesAsString("alg"))
                .contains(Long.toString(algorithm.coseIdentifier()));
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.create(keyType, PACKED_SELF);

        Response registered = bank.register(authenticator, username);
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        JsonNode registration = registered.json();
        assertThat(registration.path("attestationFormat").asString()).isEqualTo("packed");
        assertThat(registration.path("attestationTrust").asString()).isEqualTo("SELF");
        assertThat(registration.path("credentialId").asString()).isEqualTo(authenticator.credentialIdBase64Url());
        assertThat(stored(authenticator)).isEqualTo(new Stored(algorithm.coseIdentifier(), 0));

        Response signedIn = bank.authenticate(authenticator, username);
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        JsonNode result = signedIn.json();
        assertThat(result.path("username").asString()).isEqualTo(username);
        assertThat(result.path("credentialId").asString()).isEqualTo(authenticator.credentialIdBase64Url());
        assertThat(result.path("deviceId").asString()).isEqualTo(registration.path("deviceId").asString());
        assertThat(result.path("flags").path("userPresent").asBoolean()).isTrue();
        assertThat(result.path("flags").path("userVerified").asBoolean()).isTrue();
        assertThat(result.path("flags").path("backupEligible").asBoolean()).isFalse();
        assertThat(result.path("flags").path("backupState").asBoolean()).isFalse();
        assertThat(stored(authenticator)).isEqualTo(new Stored(algorithm.coseIdentifier(), 1));

        assertProblem(bank.authenticate(authenticator, username, in -> in.withCorruptSignature(true)),
                400, "signature_invalid");

        Asserted.algorithm(algorithm.name());
    }

    private record Stored(long algorithm, long signCount) {
    }

    private Stored stored(SoftwareAuthenticator authenticator) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT algorithm, sign_count FROM credential WHERE tenant_id = ? AND credential_id = ?")) {
            query.setString(1, TENANT);
            query.setBytes(2, authenticator.credentialId());
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("credential stored").isTrue();
                return new Stored(row.getLong("algorithm"), row.getLong("sign_count"));
            }
        }
    }
}
