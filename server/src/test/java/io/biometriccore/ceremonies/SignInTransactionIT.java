package io.biometriccore.ceremonies;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A sign-in is one transaction: the credential's use, the device's last use, the session, its refresh
 * token and their audit events commit together. When the last audit write fails, none of it stays.
 */
class SignInTransactionIT extends PostgresIntegrationTest {

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        registry.add("biometric.challenges.store", () -> "jdbc");
    }

    @AfterEach
    void auditWritesWork() throws SQLException {
        execute("DROP TRIGGER IF EXISTS fail_token_issued ON audit_event");
    }

    @Test
    void aFailingAuditWriteRollsBackTheWholeSignIn() throws SQLException {
        BankFixture bank = BankFixture.create(api, "one-tx-bank", Map.of(), Map.of());
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        String username = "one" + System.nanoTime();
        UUID customerId = bank.enrolled(username, phone);
        execute("""
                CREATE OR REPLACE FUNCTION fail_audit_write() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit write refused by the test'; END; $$""");
        execute("""
                CREATE TRIGGER fail_token_issued BEFORE INSERT ON audit_event FOR EACH ROW
                WHEN (NEW.event_type = 'token.issued') EXECUTE FUNCTION fail_audit_write()""");

        Response failed = bank.signIn(phone, username);

        assertThat(failed.status()).isEqualTo(500);
        assertCode(failed, "internal_error");
        assertThat(count("SELECT count(*) FROM auth_session WHERE customer_id = ?", customerId)).isZero();
        assertThat(count("SELECT count(*) FROM refresh_token t JOIN auth_session s ON s.id = t.session_id WHERE s.customer_id = ?",
                customerId)).isZero();
        assertThat(count("SELECT count(*) FROM device WHERE customer_id = ? AND last_used_at IS NOT NULL", customerId))
                .isZero();
        assertThat(count("SELECT count(*) FROM audit_event WHERE customer_id = ? AND event_type = 'authentication.succeeded'",
                customerId)).isZero();
        assertThat(count("SELECT count(*) FROM ceremony_challenge WHERE tenant_id = 'one-tx-bank'", null))
                .as("the challenge was used up all the same").isZero();

        execute("DROP TRIGGER fail_token_issued ON audit_event");
        BankFixture.require(bank.signIn(phone, username), 200);
        assertThat(count("SELECT count(*) FROM auth_session WHERE customer_id = ?", customerId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM device WHERE customer_id = ? AND last_used_at IS NOT NULL", customerId))
                .isEqualTo(1);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = connect();
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private long count(String sql, UUID customerId) throws SQLException {
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement(sql)) {
            if (customerId != null) {
                s.setObject(1, customerId);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
