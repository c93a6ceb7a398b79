package io.biometriccore.backend;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An operator revokes only keys that exist in the tenant named; another tenant's key is not found. */
class ApiKeyRejectionsIT extends PostgresIntegrationTest {

    @Test
    void revokingAKeyThatDoesNotExistIsNotFound() {
        BankFixture bank = BankFixture.create(api, "key-reject-bank", Map.of(), Map.of());

        assertProblem(api.admin("DELETE", "/v1/admin/tenants/" + bank.tenantId() + "/api-keys/no-such-key", null),
                404, "api_key_not_found");
    }

    @Test
    void anotherTenantsKeyIsNotFoundAndStaysUsable() {
        BankFixture owner = BankFixture.create(api, "key-reject-owner", Map.of(), Map.of());
        BankFixture other = BankFixture.create(api, "key-reject-other", Map.of(), Map.of());
        String ownersKeyId = api.admin("GET", "/v1/admin/tenants/" + owner.tenantId() + "/api-keys", null).json()
                .get(0).path("id").asString();

        assertProblem(api.admin("DELETE", "/v1/admin/tenants/" + other.tenantId() + "/api-keys/" + ownersKeyId, null),
                404, "api_key_not_found");
        assertThat(api.admin("GET", "/v1/admin/tenants/" + owner.tenantId() + "/api-keys", null).json().get(0)
                .hasNonNull("revokedAt")).isFalse();
        assertThat(owner.createCustomer("still" + System.nanoTime())).isNotNull();
    }
}
