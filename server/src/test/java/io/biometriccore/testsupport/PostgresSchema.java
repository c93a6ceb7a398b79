package io.biometriccore.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Each integration test class gets its own schema in the real PostgreSQL at 127.0.0.1:5432
 * (database {@code test}), so classes never see each other's rows. Override the server with
 * {@code BIOMETRIC_TEST_PG_URL}. Subclasses of {@link PostgresIntegrationTest} get theirs without
 * asking (see {@link PostgresSchemaContextCustomizerFactory}); tests outside it, which start
 * their own nodes or run Flyway themselves, call {@link #create}.
 */
public final class PostgresSchema {

    public static final String URL = System.getenv().getOrDefault("BIOMETRIC_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getenv().getOrDefault("BIOMETRIC_TEST_PG_USER", "postgres");

    private PostgresSchema() {
    }

    /** Creates a fresh schema named after the test class, dropped when the JVM exits; returns its JDBC URL. */
    public static String create(Class<?> testClass) {
        String schema = ("it_" + testClass.getSimpleName() + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT);
        try (Connection c = connect(URL);
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + URL + " is needed for integration tests", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(schema)));
        return URL + "?currentSchema=" + schema;
    }

    /**
     * A connection of the test's own, outside any server's pool, as the test user: to the schema of a
     * URL that {@link #create} answered, or to the database's default schema for {@link #URL}.
     */
    public static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, USER, "");
    }

    private static void drop(String schema) {
        try (Connection c = connect(URL);
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("Could not drop test schema " + schema + ": " + e.getMessage());
        }
    }
}
