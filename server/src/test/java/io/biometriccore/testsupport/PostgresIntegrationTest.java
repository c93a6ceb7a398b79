package io.biometriccore.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * Base of integration tests: the whole server on a random port, on real PostgreSQL. Each subclass gets
 * a context of its own, on a fresh schema and keystore directory, from
 * {@link PostgresSchemaContextCustomizerFactory}; it declares nothing for that. A subclass's own
 * {@code @DynamicPropertySource} or {@code @TestPropertySource} adds the properties it needs besides.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "biometric.admin.api-key=" + PostgresIntegrationTest.ADMIN_KEY,
        "biometric.enumeration-protection.secret=integration-test-secret",
        "biometric.keys.keystore-password=integration-test-keystore",
        "biometric.public-url=https://auth.bank.example"})
@ContextCustomizerFactories(PostgresSchemaContextCustomizerFactory.class)
@ExtendWith(SendsBadInput.Extension.class)
public abstract class PostgresIntegrationTest {

    public static final String ADMIN_KEY = "it-admin-key-0123456789abcdefghijklmnop";

    @LocalServerPort
    protected int port;

    /** A client of the server under test. */
    protected ApiClient api;

    @Value("${spring.datasource.url}")
    private String schemaUrl;

    @BeforeEach
    void apiClient() {
        api = new ApiClient(port);
    }

    /** A connection of the test's own to the server's schema, outside the server's pool. */
    protected Connection connect() throws SQLException {
        return PostgresSchema.connect(schemaUrl);
    }
}
