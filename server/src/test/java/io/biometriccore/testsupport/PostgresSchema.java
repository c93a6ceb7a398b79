package io.biometriccore.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Each integration test class gets its own schema in the real PostgreSQL at 127.0.0.1:5432
 * (database {@code test}), so classes never see each other's rows. Override the server with
 * {@code BIOMETRIC_TEST_PG_URL}.
 */
public final class PostgresSchema {

    public static final String URL = System.getenv().getOrDefault("BIOMETRIC_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getenv().getOrDefault("BIOMETRIC_TEST_PG_USER", "postgres");

    private PostgresSchema() {
    }

    /**
     * Points the test class's Spring context at a fresh schema. Call it from a
     * {@code @DynamicPropertySource} method declared in the test class itself: Spring caches contexts
     * by those methods, so a method per class means a context, and a schema, per class.
     */
    public static void register(DynamicPropertyRegistry registry, Class<?> testClass) {
        String url = create(testClass);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> "");
        // Spring keeps several test contexts alive at once; small pools keep them under max_connections.
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "5");
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
        String keys = keyDirectory(testClass);
        registry.add("biometric.keys.directory", () -> keys);
    }

    /** Creates a fresh schema named after the test class, dropped when the JVM exits; returns its JDBC URL. */
    /** Each test class gets its own keystore directory, as it gets its own schema. */
    private static String keyDirectory(Class<?> testClass) {
        try {
            return java.nio.file.Files.createTempDirectory("biometric-keys-" + testClass.getSimpleName()).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static String create(Class<?> testClass) {
        String schema = ("it_" + testClass.getSimpleName() + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(URL, USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + URL + " is needed for integration tests", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(schema)));
        return URL + "?currentSchema=" + schema;
    }

    private static void drop(String schema) {
        try (Connection c = DriverManager.getConnection(URL, USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("Could not drop test schema " + schema + ": " + e.getMessage());
        }
    }
}
