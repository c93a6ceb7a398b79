package io.biometriccore.audit.internal;

import io.biometriccore.audittools.Frontier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 6.2: the stored tree nodes ({@code audit_node}, V6) of the leaves sealed before
 * they existed, so that proofs read stored nodes from the first start on (docs/adr/0016). One pass
 * over each tenant's leaves in leaf order, replaying them through a {@link Frontier} as the sealer
 * does, with constant memory and batched inserts. Its SQL is its own rather than the repositories', so
 * that the migration keeps doing what it did when the application's code moves on.
 */
@Component
class TreeNodeBackfill implements JavaMigration {

    private static final int BATCH = 1000;

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("6.2");
    }

    @Override
    public String getDescription() {
        return "audit node backfill";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection db = context.getConnection();
        for (String tenantId : tenantsWithLeaves(db)) {
            backfill(db, tenantId);
        }
    }

    private static List<String> tenantsWithLeaves(Connection db) throws SQLException {
        List<String> tenants = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("SELECT tenant_id FROM audit_tree_state WHERE tree_size > 0");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                tenants.add(rows.getString(1));
            }
        }
        return tenants;
    }

    private static void backfill(Connection db, String tenantId) throws SQLException {
        Frontier frontier = Frontier.empty();
        try (PreparedStatement leaves = db.prepareStatement(
                "SELECT leaf_hash FROM audit_leaf WHERE tenant_id = ? ORDER BY leaf_index");
             PreparedStatement insert = db.prepareStatement(
                     "INSERT INTO audit_node (tenant_id, level, node_index, hash) VALUES (?, ?, ?, ?)")) {
            leaves.setFetchSize(BATCH);
            leaves.setString(1, tenantId);
            int pending = 0;
            try (ResultSet rows = leaves.executeQuery()) {
                while (rows.next()) {
                    List<byte[]> completed = frontier.append(rows.getBytes(1));
                    for (int level = 1; level <= completed.size(); level++) {
                        insert.setString(1, tenantId);
                        insert.setInt(2, level);
                        insert.setLong(3, (frontier.size() >> level) - 1);
                        insert.setBytes(4, completed.get(level - 1));
                        insert.addBatch();
                        pending++;
                    }
                    if (pending >= BATCH) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
            }
            insert.executeBatch();
        }
    }
}
