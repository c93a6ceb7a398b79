package io.biometriccore.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.Asserted;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.ProblemAssert;
import io.biometriccore.testsupport.SendsBadInput;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The operator's and the bank's administrative acts each leave their one event in the tenant's log. */
class AdministrativeEventsIT extends PostgresIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void creatingATenantWritesTenantCreatedAndChangingItTenantChanged() {
        String tenant = "admin-events-" + System.nanoTime();
        BankFixture.create(api, tenant, Map.of(), Map.of());
        assertThat(types(tenant, "tenant.%")).containsExactly("tenant.created");
        Asserted.event("tenant.created");

        BankFixture.create(api, tenant, Map.of("challengeTimeout", "PT3M"), Map.of());

        assertThat(types(tenant, "tenant.%")).containsExactly("tenant.created", "tenant.changed");
    }

    @Test
    void creatingACustomerWritesCustomerCreatedForThatCustomer() {
        BankFixture bank = BankFixture.create(api, "admin-events-customer", Map.of(), Map.of());
        long before = lastId(bank.tenantId());

        UUID customer = bank.createCustomer("carol" + System.nanoTime());

        assertThat(jdbc.sql("""
                SELECT event_type, customer_id FROM audit_event WHERE tenant_id = :t AND id > :before
                   AND event_type LIKE 'customer.%'""")
                .param("t", bank.tenantId()).param("before", before)
                .query((rs, row) -> rs.getString(1) + " " + rs.getObject(2, UUID.class)).list())
                .containsExactly("customer.created " + customer);
        Asserted.event("customer.created");
    }

    @Test
    void rotatingTheSigningKeyWritesSigningKeyRotatedWithTheNewKid() {
        BankFixture bank = BankFixture.create(api, "admin-events-rotation", Map.of(), Map.of());
        long before = lastId(bank.tenantId());

        Response rotated = api.admin("POST", "/v1/admin/tenants/" + bank.tenantId() + "/signing-keys/rotate", null);
        BankFixture.require(rotated, 200);

        assertThat(jdbc.sql("""
                SELECT event_type, reason FROM audit_event WHERE tenant_id = :t AND id > :before""")
                .param("t", bank.tenantId()).param("before", before)
                .query((rs, row) -> rs.getString(1) + " " + rs.getString(2)).list())
                .containsExactly("signing_key.rotated " + rotated.json().path("kid").asString());
        Asserted.event("signing_key.rotated");
    }

    @Test
    void rotatingTheEvidenceKeyWritesSigningKeyRotatedAndKeepsTheRetiredKeyListed() {
        BankFixture bank = BankFixture.create(api, "admin-events-evidence-key", Map.of(), Map.of());
        String keys = "/v1/admin/tenants/" + bank.tenantId() + "/signing-keys";
        Response firstRotation = api.admin("POST", keys + "/rotate?purpose=evidence", null);
        BankFixture.require(firstRotation, 200);
        String first = firstRotation.json().path("kid").asString();
        long before = lastId(bank.tenantId());

        Response rotated = api.admin("POST", keys + "/rotate?purpose=evidence", null);
        BankFixture.require(rotated, 200);

        String second = rotated.json().path("kid").asString();
        assertThat(jdbc.sql("""
                SELECT event_type, reason FROM audit_event WHERE tenant_id = :t AND id > :before""")
                .param("t", bank.tenantId()).param("before", before)
                .query((rs, row) -> rs.getString(1) + " " + rs.getString(2)).list())
                .containsExactly("signing_key.rotated " + second);
        Response listed = api.admin("GET", keys + "?purpose=evidence", null);
        BankFixture.require(listed, 200);
        assertThat(listed.json().valueStream().map(k -> k.path("kid").asString() + " " + k.path("status").asString()))
                .containsExactly(second + " ACTIVE", first + " RETIRED");
        Response tokenKeys = api.admin("GET", keys, null);
        BankFixture.require(tokenKeys, 200);
        assertThat(tokenKeys.json().valueStream()
                .map(k -> k.path("kid").asString())).doesNotContain(first, second);
    }

    @Test
    @SendsBadInput("a purpose the signing-key routes do not know")
    void aSigningKeyPurposeOtherThanTokenOrEvidenceIsRefused() {
        BankFixture bank = BankFixture.create(api, "admin-events-key-purpose", Map.of(), Map.of());
        String keys = "/v1/admin/tenants/" + bank.tenantId() + "/signing-keys";

        ProblemAssert.assertProblem(api.admin("POST", keys + "/rotate?purpose=audit", null), 400, "invalid_request");
        ProblemAssert.assertProblem(api.admin("GET", keys + "?purpose=audit", null), 400, "invalid_request");
    }

    private List<String> types(String tenant, String like) {
        return jdbc.sql("SELECT event_type FROM audit_event WHERE tenant_id = :t AND event_type LIKE :like ORDER BY id")
                .param("t", tenant).param("like", like).query(String.class).list();
    }

    private long lastId(String tenant) {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM audit_event WHERE tenant_id = :t").param("t", tenant)
                .query(Long.class).single();
    }
}
