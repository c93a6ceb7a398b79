package io.biometriccore.seeding.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Seeding writes with PostgreSQL's COPY; on any other database it stops before writing anything. */
final class PostgresOnly {

    private PostgresOnly() {
    }

    /** @throws IllegalStateException naming the database in use when it is not PostgreSQL */
    static void require(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData database = connection.getMetaData();
            if (!"PostgreSQL".equals(database.getDatabaseProductName())) {
                throw new IllegalStateException("Seeding is PostgreSQL-only (it writes with COPY), but the datasource is "
                        + database.getDatabaseProductName() + " at " + database.getURL()
                        + ". Point SPRING_DATASOURCE_URL at the PostgreSQL database of a production-mode server.");
            }
        }
    }
}
