package io.biometriccore.testsupport.scans;

import java.lang.reflect.InvocationTargetException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import net.ttddyy.dsproxy.proxy.ParameterSetOperation;
import tools.jackson.databind.json.JsonMapper;

/**
 * EXPLAINs recorded statements on PostgreSQL with their own bind values and collects the scans that
 * {@link PlanRules} finds. The plans are made in a scratch copy of the server's schema that looks as a
 * bank's would: every table holds ten million rows, every column but {@code tenant_id} is as
 * selective as a key, and sequential scans are priced out ({@code enable_seqscan = off}). The planner
 * then picks a scan only where no index serves the statement, and among indexes the one that names
 * the row, so a finding means a missing index, whatever the size of the test's tables. PostgreSQL 15
 * plans an unnamed prepared statement for its actual values, so these are the plans the server gets.
 */
public final class IndexUseCheck {

    /** A statement whose plan has scans that grow with the data. */
    public record Finding(String sql, List<String> scans) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final double ROWS = 1e7;
    /** A bank's deployment serves a handful of banks; every other column is taken to be as selective as a key. */
    private static final int TENANTS = 100;

    private IndexUseCheck() {
    }

    /**
     * @param connection a connection outside the server's pool whose search path is the server's schema
     * @param setUp      statements run in the scratch schema before planning, such as dropping an index
     *                   to prove that the check then finds the scan
     */
    public static List<Finding> findings(Connection connection, List<RecordedStatement> statements, String... setUp)
            throws SQLException {
        String source = query(connection, "SELECT current_schema()").getFirst();
        String scratch = "scan_check_" + UUID.randomUUID().toString().substring(0, 8);
        try (Statement s = connection.createStatement()) {
            copySchema(s, connection, source, scratch);
            looksLikeABank(s, connection, scratch);
            s.execute("SET search_path = " + scratch);
            for (String sql : setUp) {
                s.execute(sql);
            }
            s.execute("SET enable_seqscan = off");
            return explainAll(connection, statements);
        } finally {
            try (Statement s = connection.createStatement()) {
                s.execute("RESET enable_seqscan");
                s.execute("SET search_path = " + source);
                s.execute("DROP SCHEMA IF EXISTS " + scratch + " CASCADE");
            }
        }
    }

    /** Tables with their rows and every index under its own name; no foreign keys, no triggers. */
    private static void copySchema(Statement s, Connection c, String source, String scratch) throws SQLException {
        s.execute("CREATE SCHEMA " + scratch);
        for (String table : query(c, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")) {
            s.execute("CREATE TABLE %2$s.%3$s (LIKE %1$s.%3$s INCLUDING DEFAULTS INCLUDING IDENTITY)"
                    .formatted(source, scratch, table));
            s.execute("INSERT INTO %2$s.%3$s SELECT * FROM %1$s.%3$s".formatted(source, scratch, table));
        }
        for (String index : query(c, "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()")) {
            s.execute(index.replace(" ON " + source + ".", " ON " + scratch + "."));
        }
    }

    private static void looksLikeABank(Statement s, Connection c, String scratch) throws SQLException {
        for (String column : query(c, """
                SELECT format('%%I.%%I|%%I', n.nspname, t.relname, a.attname) FROM pg_attribute a
                  JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace n ON n.oid = t.relnamespace
                 WHERE n.nspname = '%s' AND t.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped"""
                .formatted(scratch))) {
            String[] parts = column.split("\\|");
            int distinct = parts[1].equals("tenant_id") ? TENANTS : -1;
            s.execute("ALTER TABLE %s ALTER COLUMN %s SET (n_distinct = %d)".formatted(parts[0], parts[1], distinct));
        }
        s.execute("SET search_path = " + scratch);
        for (String table : query(c, "SELECT tablename FROM pg_tables WHERE schemaname = '" + scratch + "'")) {
            s.execute("ANALYZE " + table);
        }
        // What ANALYZE saw of a test's few rows (common values, histograms, NULLs) says nothing about a
        // bank: only the distinct counts set above stay.
        s.execute("""
                UPDATE pg_statistic SET stanullfrac = 0, stakind1 = 0, stakind2 = 0, stakind3 = 0, stakind4 = 0,
                       stakind5 = 0
                 WHERE starelid IN (SELECT oid FROM pg_class WHERE relnamespace = '%s'::regnamespace)"""
                .formatted(scratch));
        // The planner scales reltuples / relpages by the pages a table really has: one.
        s.execute("UPDATE pg_class SET reltuples = %s, relpages = 1 WHERE relnamespace = '%s'::regnamespace"
                .formatted(ROWS, scratch));
    }

    private static List<String> query(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static List<Finding> explainAll(Connection connection, List<RecordedStatement> statements)
            throws SQLException {
        List<Finding> findings = new ArrayList<>();
        for (RecordedStatement statement : statements) {
            if (!statement.explainable()) {
                continue;
            }
            List<String> scans = new ArrayList<>(PlanRules.findings(JSON.readTree(plan(connection, statement))));
            PlanRules.findings(JSON.readTree(genericPlan(connection, statement)))
                    .forEach(scan -> scans.add("generic plan: " + scan));
            if (!scans.isEmpty()) {
                findings.add(new Finding(statement.sql().strip(), scans));
            }
        }
        return findings;
    }

    private static String plan(Connection connection, RecordedStatement statement) throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN (FORMAT JSON) " + statement.sql())) {
            for (ParameterSetOperation parameter : statement.parameters()) {
                bind(explain, parameter);
            }
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                return plan.getString(1);
            }
        } catch (SQLException e) {
            throw new SQLException("Could not EXPLAIN: " + statement.sql(), e);
        }
    }

    /**
     * The plan PostgreSQL caches for the statement once it stops planning per execution: pgjdbc
     * prepares a statement on the server after five uses, and from the sixth the server may keep one
     * generic plan that cannot see the bind values. Such a plan may join or sort the whole table where
     * the values would have led an index to a few rows, so it is checked too.
     */
    private static String genericPlan(Connection connection, RecordedStatement statement) throws SQLException {
        int parameters = 0;
        StringBuilder numbered = new StringBuilder();
        boolean quoted = false;
        for (char ch : statement.sql().toCharArray()) {
            quoted ^= ch == '\'';
            if (ch == '?' && !quoted) {
                numbered.append('$').append(++parameters);
            } else {
                numbered.append(ch);
            }
        }
        String arguments = parameters == 0 ? "" : "(" + String.join(", ", Collections.nCopies(parameters, "NULL")) + ")";
        try (Statement s = connection.createStatement()) {
            s.execute("PREPARE scan_check_generic AS " + numbered);
            try {
                s.execute("SET plan_cache_mode = force_generic_plan");
                try (ResultSet plan = s.executeQuery("EXPLAIN (FORMAT JSON) EXECUTE scan_check_generic" + arguments)) {
                    plan.next();
                    return plan.getString(1);
                }
            } finally {
                s.execute("RESET plan_cache_mode");
                s.execute("DEALLOCATE scan_check_generic");
            }
        } catch (SQLException e) {
            throw new SQLException("Could not EXPLAIN the generic plan of: " + statement.sql(), e);
        }
    }

    /** Replays the server's own setter call (setString, setObject, setTimestamp ...) on the EXPLAIN. */
    private static void bind(PreparedStatement explain, ParameterSetOperation parameter) throws SQLException {
        try {
            parameter.getMethod().invoke(explain, parameter.getArgs());
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new SQLException("Could not bind " + parameter.getMethod().getName(), e);
        }
    }
}
