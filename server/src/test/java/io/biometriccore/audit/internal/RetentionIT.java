package io.biometriccore.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.MutableClock;
import io.biometriccore.testsupport.MutableClockConfiguration;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Retention: when a tenant's period for network fields has passed, the daily job destroys their data
 * keys, so IP and user agent read as shredded while names (a longer period) still read. Before the
 * period ends, the same job leaves them readable.
 */
@Import(MutableClockConfiguration.class)
class RetentionIT extends PostgresIntegrationTest {

    @Autowired
    private MutableClock clock;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private DataKeys dataKeys;

    @Autowired
    private PersonalDataShredding shredding;

    @Test
    void networkFieldsAreShreddedAfterTheirPeriodAndNamesAreKept() {
        BankFixture bank = BankFixture.create(api, "retention-bank", Map.of(), Map.of());
        api.putTenant("retention-bank", Map.of("rpId", "bank.example", "rpName", "Example Bank",
                "allowedOrigins", java.util.List.of("https://login.bank.example"),
                "policy", Map.of("allowNoneAttestation", true, "residentKey", "required"),
                "retention", Map.of("networkFields", "P30D", "personalFields", "P13M")));
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        String username = "user" + System.nanoTime();
        bank.enrolled(username, phone);
        Map<String, Object> registered = jdbc.sql("""
                SELECT * FROM audit_event WHERE tenant_id = 'retention-bank' AND event_type = 'registration.succeeded'""")
                .query().singleRow();
        assertThat(network(registered)).isNotNull();
        assertThat(personal(registered)).contains(username);

        clock.advance(Duration.ofDays(29));
        shredding.shredExpired();
        assertThat(network(registered)).as("a day before its period ends").contains("127.0.0.1");

        clock.advance(Duration.ofDays(41));
        shredding.shredExpired();

        assertThat(network(registered)).isNull();
        assertThat(personal(registered)).contains(username);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE tenant_id = 'retention-bank'").query(Long.class)
                .single()).isPositive();
    }

    private String network(Map<String, Object> event) {
        return dataKeys.decrypt("retention-bank", (UUID) event.get("network_key_id"), (byte[]) event.get("network_data"))
                .orElse(null);
    }

    private String personal(Map<String, Object> event) {
        return dataKeys.decrypt("retention-bank", (UUID) event.get("personal_key_id"),
                (byte[]) event.get("personal_data")).orElse(null);
    }
}
