package io.biometriccore.audittools;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The audit tables ({@code audit_event}, {@code audit_leaf}, {@code audit_tree_head}) as plain JDBC
 * sees them: the row mappers the server uses too, and the read of one tenant's whole log that
 * {@code audit verify --jdbc-url} runs.
 */
public final class AuditTables {

    private AuditTables() {
    }

    /**
     * The tenant's events, leaves and heads, each in log order, read in one read-only repeatable-read
     * transaction so that the three agree even while the sealer appends. {@code connection} must not
     * be in a transaction; its auto-commit, read-only flag and isolation are restored afterwards.
     */
    public static AuditSnapshot read(Connection connection, String tenantId) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        boolean readOnly = connection.isReadOnly();
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        connection.setAutoCommit(false);
        try {
            List<AuditEntry> events = new ArrayList<>();
            List<SealedLeaf> leaves = new ArrayList<>();
            List<TreeHead> heads = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT * FROM audit_event WHERE tenant_id = ? ORDER BY id")) {
                query.setString(1, tenantId);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        events.add(event(rs));
                    }
                }
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT leaf_index, event_id, leaf_hash FROM audit_leaf WHERE tenant_id = ? ORDER BY leaf_index")) {
                query.setString(1, tenantId);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        leaves.add(leaf(rs));
                    }
                }
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT * FROM audit_tree_head WHERE tenant_id = ? ORDER BY tree_size")) {
                query.setString(1, tenantId);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        heads.add(head(rs));
                    }
                }
            }
            connection.commit();
            return new AuditSnapshot(tenantId, events, leaves, heads);
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
            connection.setReadOnly(readOnly);
            connection.setTransactionIsolation(isolation);
        }
    }

    /** The current row of {@code SELECT * FROM audit_event}. */
    public static AuditEntry event(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getString("tenant_id"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("event_type"),
                rs.getString("event_class"), rs.getString("outcome"), rs.getString("reason"),
                rs.getString("actor_type"), rs.getString("actor_id"), rs.getObject("customer_id", UUID.class),
                rs.getObject("device_id", UUID.class), rs.getString("credential_id"),
                rs.getObject("session_id", UUID.class), rs.getString("channel"), rs.getString("correlation_id"),
                rs.getObject("network_key_id", UUID.class), rs.getBytes("network_data"),
                rs.getObject("personal_key_id", UUID.class), rs.getBytes("personal_data"), occurrences(rs));
    }

    private static AuditEntry.@Nullable Occurrences occurrences(ResultSet rs) throws SQLException {
        int count = rs.getInt("occurrences");
        return rs.wasNull() ? null
                : new AuditEntry.Occurrences(count, rs.getObject("last_occurred_at", OffsetDateTime.class).toInstant());
    }

    /** The current row of a query of {@code leaf_index, event_id, leaf_hash} from {@code audit_leaf}. */
    public static SealedLeaf leaf(ResultSet rs) throws SQLException {
        return new SealedLeaf(rs.getLong("leaf_index"), rs.getLong("event_id"), rs.getBytes("leaf_hash"));
    }

    /** The current row of {@code SELECT * FROM audit_tree_head}. */
    public static TreeHead head(ResultSet rs) throws SQLException {
        return new TreeHead(rs.getString("tenant_id"), rs.getLong("tree_size"), rs.getBytes("root_hash"),
                rs.getObject("signed_at", OffsetDateTime.class).toInstant(), rs.getString("jws"));
    }
}
