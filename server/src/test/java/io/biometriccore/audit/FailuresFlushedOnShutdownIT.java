package io.biometriccore.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.audit.internal.FailureAggregator;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A node that stops gracefully writes the failures it has counted in its last window (docs/adr/0025).
 * The aggregator is destroyed the way the context destroys its singletons when it closes; closing the
 * whole context would pull it from under the test framework.
 */
@TestPropertySource(properties = "biometric.audit.failure-window=PT1H")
@DirtiesContext
class FailuresFlushedOnShutdownIT extends PostgresIntegrationTest {

    private static final String TENANT = "flushed-on-shutdown";

    @Autowired
    private ConfigurableApplicationContext context;

    @Test
    void theLastWindowIsWrittenWhenTheAggregatorIsDestroyedAtShutdown() throws Exception {
        BankFixture bank = BankFixture.create(api, TENANT, Map.of(), Map.of());
        for (int i = 0; i < 3; i++) {
            api.get(bank.path("/me/devices"), "Authorization", "Bearer not-a-token");
        }
        try (Connection connection = connect()) {
            assertThat(occurrences(connection)).isZero();

            String aggregator = context.getBeanNamesForType(FailureAggregator.class)[0];
            ((DefaultListableBeanFactory) context.getBeanFactory()).destroySingleton(aggregator);

            assertThat(occurrences(connection)).isEqualTo(3);
        }
    }

    private static int occurrences(Connection connection) throws Exception {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT COALESCE(SUM(occurrences), 0) FROM audit_event
                 WHERE tenant_id = ? AND event_type = 'access_token.rejected'""")) {
            query.setString(1, TENANT);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
