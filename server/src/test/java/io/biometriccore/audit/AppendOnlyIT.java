package io.biometriccore.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On PostgreSQL the audit tables only grow: the application's own database user cannot change, delete
 * or truncate events, leaves or signed tree heads; the triggers refuse, and nothing changes.
 */
class AppendOnlyIT extends PostgresIntegrationTest {

    private static final String TENANT = "append-only-bank";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Autowired
    private DataSource dataSource;

    @Autowired
    private JdbcClient jdbc;

    private long rowsBefore;

    /** Once per class: a sealed sign-up and sign-in, so that every audit table has rows of the tenant. */
    @BeforeEach
    void sealedActivity() {
        if (rows() == 0) {
            BankFixture bank = BankFixture.create(api, TENANT, Map.of(), Map.of());
            SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
            bank.enrolled("append-only-customer", phone);
            bank.tokens(phone, "append-only-customer");
            long events = jdbc.sql("SELECT count(*) FROM audit_event WHERE tenant_id = ?").param(TENANT)
                    .query(Long.class).single();
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.sql(
                    "SELECT coalesce(max(tree_size), 0) FROM audit_tree_head WHERE tenant_id = ?").param(TENANT)
                    .query(Long.class).single() >= events);
        }
        rowsBefore = rows();
    }

    @AfterEach
    void nothingChanged() {
        assertThat(rows()).isEqualTo(rowsBefore);
        assertThat(api.admin("POST", "/v1/admin/tenants/" + TENANT + "/audit/verify", null).json()
                .path("intact").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"audit_event", "audit_leaf", "audit_tree_head"})
    void rejectsUpdates(String table) {
        assertRefused("UPDATE " + table + " SET tenant_id = 'other-bank' WHERE tenant_id = '" + TENANT + "'",
                "UPDATE on " + table);
    }

    @ParameterizedTest
    @ValueSource(strings = {"audit_event", "audit_leaf", "audit_tree_head"})
    void rejectsDeletes(String table) {
        assertRefused("DELETE FROM " + table + " WHERE tenant_id = '" + TENANT + "'", "DELETE on " + table);
    }

    @ParameterizedTest
    @ValueSource(strings = {"audit_event", "audit_leaf", "audit_tree_head"})
    void rejectsTruncation(String table) {
        assertRefused("TRUNCATE " + table, "TRUNCATE on " + table);
    }

    private void assertRefused(String sql, String what) {
        assertThatExceptionOfType(SQLException.class).isThrownBy(() -> {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }).satisfies(e -> {
            assertThat(e.getSQLState()).isEqualTo("42501");
            assertThat(e.getMessage()).contains("the audit log is append-only: " + what + " is refused");
        });
    }

    /** The tenant's rows in the three audit tables together. */
    private long rows() {
        return jdbc.sql("""
                SELECT (SELECT count(*) FROM audit_event WHERE tenant_id = ?)
                     + (SELECT count(*) FROM audit_leaf WHERE tenant_id = ?)
                     + (SELECT count(*) FROM audit_tree_head WHERE tenant_id = ?)""")
                .param(TENANT).param(TENANT).param(TENANT).query(Long.class).single();
    }
}
