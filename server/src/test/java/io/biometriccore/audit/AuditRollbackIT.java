package io.biometriccore.audit;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * An action never commits without its event. A trigger in this test's schema makes PostgreSQL refuse
 * the audit insert of one event type; the action must then fail and leave no trace.
 */
class AuditRollbackIT extends PostgresIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    private BankFixture bank;
    private SoftwareAuthenticator phone;
    private String username;
    private UUID customerId;
    private UUID deviceId;

    @BeforeEach
    void enrolled() {
        bank = BankFixture.create(api, "rollback-bank", Map.of(), Map.of());
        phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        username = "user" + System.nanoTime();
        customerId = bank.enrolled(username, phone);
        deviceId = bank.firstDevice(customerId);
    }

    @AfterEach
    void auditWritesWork() {
        jdbc.sql("DROP TRIGGER IF EXISTS refuse_audit ON audit_event").update();
    }

    @Test
    void aDeviceRevocationWhoseEventCannotBeWrittenDoesNotHappen() {
        JsonNode tokens = bank.tokens(phone, username);
        refuseAuditOf("device.revoked");

        Response revoke = bank.backend("POST", "/customers/" + customerId + "/devices/" + deviceId + "/revoke", null);

        assertThat(revoke.status()).isEqualTo(500);
        assertCode(revoke, "internal_error");
        assertThat(deviceStatus()).isEqualTo("ACTIVE");
        assertThat(bank.introspect(tokens.path("access_token").asString()).json().path("active").asBoolean()).isTrue();
    }

    @Test
    void aSignInWhoseEventCannotBeWrittenDoesNotCount() {
        long counterBefore = signCount();
        refuseAuditOf("authentication.succeeded");

        Response signIn = bank.signIn(phone, username);

        assertThat(signIn.status()).isEqualTo(500);
        assertThat(signCount()).isEqualTo(counterBefore);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM auth_session WHERE customer_id = :c").param("c", customerId)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aSessionWhoseTokenEventCannotBeWrittenIsNotOpened() {
        refuseAuditOf("token.issued");

        assertThat(bank.signIn(phone, username).status()).isEqualTo(500);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM auth_session WHERE customer_id = :c").param("c", customerId)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aRegistrationWhoseEventCannotBeWrittenStoresNoCredential() {
        UUID other = bank.createCustomer("other" + System.nanoTime());
        String grant = bank.grant(other);
        refuseAuditOf("registration.succeeded");

        Response registered = bank.register(SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE), grant,
                input -> input);

        assertThat(registered.status()).isEqualTo(500);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM credential WHERE customer_id = :c").param("c", other)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM enrollment_grant WHERE customer_id = :c AND used_at IS NULL")
                .param("c", other).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aCustomerDeletionWhoseEventCannotBeWrittenKeepsTheCustomer() {
        refuseAuditOf("customer.deleted");

        assertThat(bank.backend("DELETE", "/customers/" + customerId, null).status()).isEqualTo(500);

        assertThat(bank.backend("GET", "/customers/" + customerId, null).status()).isEqualTo(200);
        assertThat(deviceStatus()).isEqualTo("ACTIVE");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_data_key WHERE scope = :s AND wrapped_key IS NULL")
                .param("s", customerId.toString()).query(Long.class).single()).isZero();
    }

    @Test
    void anApiKeyWhoseEventCannotBeWrittenIsNotCreated() {
        int keysBefore = api.admin("GET", "/v1/admin/tenants/rollback-bank/api-keys", null).json().size();
        refuseAuditOf("api_key.created");

        Response created = api.admin("POST", "/v1/admin/tenants/rollback-bank/api-keys",
                Map.of("name", "refused", "scopes", List.of("users")));

        assertThat(created.status()).isEqualTo(500);
        assertThat(api.admin("GET", "/v1/admin/tenants/rollback-bank/api-keys", null).json().size()).isEqualTo(keysBefore);
    }

    private void refuseAuditOf(String eventType) {
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit write refused by the test'; END; $$""").update();
        jdbc.sql("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_event FOR EACH ROW WHEN (NEW.event_type = '"
                + eventType + "') EXECUTE FUNCTION refuse_audit()").update();
    }

    private String deviceStatus() {
        return jdbc.sql("SELECT status FROM credential WHERE device_id = :d").param("d", deviceId).query(String.class)
                .single();
    }

    private long signCount() {
        return jdbc.sql("SELECT sign_count FROM credential WHERE device_id = :d").param("d", deviceId)
                .query(Long.class).single();
    }
}
