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
 * the audit insert of one event type; the action must then fail and leave no trace. Before refusing,
 * the trigger draws from a sequence, which no rollback returns, so each case proves that its 500 came
 * from the refusal and from nothing else.
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
        jdbc.sql("DROP SEQUENCE IF EXISTS refused_audit_writes").update();
    }

    @Test
    void aDeviceRevocationWhoseEventCannotBeWrittenDoesNotHappen() {
        JsonNode tokens = bank.tokens(phone, username);
        refuseAuditOf("device.revoked");
        long mark = lastEventId();

        Response revoke = bank.backend("POST", "/customers/" + customerId + "/devices/" + deviceId + "/revoke", null);

        assertRefusedOnce(revoke);
        assertThat(lastEventId()).isEqualTo(mark);
        assertThat(deviceStatus()).isEqualTo("ACTIVE");
        assertThat(bank.introspect(tokens.path("access_token").asString()).json().path("active").asBoolean()).isTrue();
    }

    @Test
    void aSignInWhoseEventCannotBeWrittenDoesNotCount() {
        long counterBefore = signCount();
        refuseAuditOf("authentication.succeeded");
        long mark = lastEventId();

        Response signIn = bank.signIn(phone, username);

        assertRefusedOnce(signIn);
        assertThat(lastEventId()).isEqualTo(mark);
        assertThat(signCount()).isEqualTo(counterBefore);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM auth_session WHERE customer_id = :c").param("c", customerId)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aSessionWhoseTokenEventCannotBeWrittenIsNotOpened() {
        long counterBefore = signCount();
        refuseAuditOf("token.issued");
        long mark = lastEventId();

        assertRefusedOnce(bank.signIn(phone, username));
        assertThat(lastEventId()).isEqualTo(mark);
        assertThat(signCount()).isEqualTo(counterBefore);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM auth_session WHERE customer_id = :c").param("c", customerId)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aRegistrationWhoseEventCannotBeWrittenStoresNoCredential() {
        UUID other = bank.createCustomer("other" + System.nanoTime());
        String grant = bank.grant(other);
        refuseAuditOf("registration.succeeded");
        long mark = lastEventId();

        Response registered = bank.register(SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE), grant,
                input -> input);

        assertRefusedOnce(registered);
        assertThat(lastEventId()).isEqualTo(mark);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM credential WHERE customer_id = :c").param("c", other)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM enrollment_grant WHERE customer_id = :c AND used_at IS NULL")
                .param("c", other).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aCustomerDeletionWhoseEventCannotBeWrittenKeepsTheCustomer() {
        refuseAuditOf("customer.deleted");
        long mark = lastEventId();

        assertRefusedOnce(bank.backend("DELETE", "/customers/" + customerId, null));
        assertThat(lastEventId()).isEqualTo(mark);

        assertThat(bank.backend("GET", "/customers/" + customerId, null).status()).isEqualTo(200);
        assertThat(deviceStatus()).isEqualTo("ACTIVE");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_data_key WHERE scope = :s AND wrapped_key IS NULL")
                .param("s", customerId.toString()).query(Long.class).single()).isZero();
    }

    @Test
    void anApiKeyWhoseEventCannotBeWrittenIsNotCreated() {
        int keysBefore = api.admin("GET", "/v1/admin/tenants/rollback-bank/api-keys", null).json().size();
        refuseAuditOf("api_key.created");
        long mark = lastEventId();

        Response created = api.admin("POST", "/v1/admin/tenants/rollback-bank/api-keys",
                Map.of("name", "refused", "scopes", List.of("users")));

        assertRefusedOnce(created);
        assertThat(lastEventId()).isEqualTo(mark);
        assertThat(api.admin("GET", "/v1/admin/tenants/rollback-bank/api-keys", null).json().size()).isEqualTo(keysBefore);
    }

    private void refuseAuditOf(String eventType) {
        jdbc.sql("CREATE SEQUENCE refused_audit_writes").update();
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM nextval('refused_audit_writes'); RAISE EXCEPTION 'audit write refused by the test'; END; $$
                """).update();
        jdbc.sql("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_event FOR EACH ROW WHEN (NEW.event_type = '"
                + eventType + "') EXECUTE FUNCTION refuse_audit()").update();
    }

    /** How often the trigger refused an audit write: a sequence keeps counting through rollbacks. */
    private long refusals() {
        return jdbc.sql("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM refused_audit_writes")
                .query(Long.class).single();
    }

    /** The 500 of a refused audit write, and the one refusal that caused it. */
    private void assertRefusedOnce(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(500);
        assertCode(response, "internal_error");
        assertThat(refusals()).as("audit writes the trigger refused").isEqualTo(1);
    }

    /** The tenant's newest event: unchanged by an action that rolled back with its refused audit write. */
    private long lastEventId() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM audit_event WHERE tenant_id = 'rollback-bank'")
                .query(Long.class).single();
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
