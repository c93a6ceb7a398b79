package io.biometriccore.shared;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/** Instants to and from {@code TIMESTAMP WITH TIME ZONE} columns, the same on PostgreSQL and H2. */
public final class SqlTimes {

    private SqlTimes() {
    }

    /** A query parameter for a {@code TIMESTAMP WITH TIME ZONE} column. */
    public static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** The column's instant, or null when the column is null. */
    public static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The instant of a {@code NOT NULL} column. */
    public static Instant requiredInstant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
