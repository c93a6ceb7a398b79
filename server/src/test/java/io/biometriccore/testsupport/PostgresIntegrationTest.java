package io.biometriccore.testsupport;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of integration tests: the whole server on a random port, on real PostgreSQL. Each subclass
 * declares its own {@code @DynamicPropertySource} calling {@link PostgresSchema#register}, which
 * gives it a schema of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "biometric.admin.api-key=" + PostgresIntegrationTest.ADMIN_KEY,
        "biometric.enumeration-protection.secret=integration-test-secret",
        "biometric.keys.keystore-password=integration-test-keystore",
        "biometric.public-url=https://auth.bank.example"})
public abstract class PostgresIntegrationTest {

    public static final String ADMIN_KEY = "it-admin-key-0123456789abcdefghijklmnop";

    @LocalServerPort
    protected int port;

    /** A client of the server under test. */
    protected ApiClient api;

    @BeforeEach
    void apiClient() {
        api = new ApiClient(port);
    }
}
