package io.biometriccore.ceremonies;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.tenancy.CoseAlgorithm;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Each credential algorithm the software authenticator signs with is one a tenant may allow, and a
 * customer enrolled with it signs in end to end ({@code BankFixture.tokens} records the algorithm for
 * the completeness check, docs/adr/0032-nothing-untested.md).
 */
class AlgorithmSignInsIT extends PostgresIntegrationTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(KeyType.class)
    void aCustomerEnrolledWithTheAlgorithmSignsInEndToEnd(KeyType keyType) {
        assertThat(Arrays.stream(CoseAlgorithm.values()).map(CoseAlgorithm::name)).contains(keyType.name());
        BankFixture bank = BankFixture.create(api, "algorithm-bank-" + keyType.name().toLowerCase(Locale.ROOT),
                Map.of("allowedAlgorithms", List.of(keyType.name())), Map.of());
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.create(keyType, Attestation.NONE);
        String username = "user" + System.nanoTime();
        bank.enrolled(username, authenticator);

        JsonNode tokens = bank.tokens(authenticator, username);

        assertThat(tokens.path("access_token").asString()).isNotBlank();
        assertThat(bank.introspect(tokens.path("access_token").asString()).json().path("active").asBoolean()).isTrue();
    }
}
