package io.biometriccore.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.audittools.Frontier;
import io.biometriccore.audittools.MerkleTree;
import io.biometriccore.testsupport.PostgresSchema;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * A database sealed before the stored tree nodes existed (migrated to 6.1, leaves written as the old
 * sealer wrote them) gets, from migration 6.2, exactly the nodes the sealer would have stored: one
 * per perfect subtree of each tenant's leaves, with the root of those leaves.
 */
class TreeNodeBackfillIT {

    private static final Map<String, Integer> SIZES = Map.of("small-bank", 5, "large-bank", 133);

    @Test
    void storesTheRootOfEveryPerfectSubtreeOfTheLeavesSealedBefore() throws SQLException {
        String url = PostgresSchema.create(TreeNodeBackfillIT.class);
        flyway(url).target("6.1").load().migrate();
        Map<String, List<byte[]>> leaves = new HashMap<>();
        try (Connection db = PostgresSchema.connect(url)) {
            SIZES.forEach((tenant, size) -> leaves.put(tenant, sealOldStyle(db, tenant, size)));
        }

        flyway(url).javaMigrations(new TreeNodeBackfill()).load().migrate();

        try (Connection db = PostgresSchema.connect(url)) {
            for (Map.Entry<String, List<byte[]>> tenant : leaves.entrySet()) {
                List<byte[]> hashes = tenant.getValue();
                Map<TreeNode, byte[]> nodes = nodes(db, tenant.getKey());
                assertThat(nodes).as(tenant.getKey()).hasSize(hashes.size() - Integer.bitCount(hashes.size()));
                nodes.forEach((node, hash) -> {
                    int width = 1 << node.level();
                    int from = (int) node.index() * width;
                    assertThat(hash).as("%s %s", tenant.getKey(), node)
                            .isEqualTo(MerkleTree.root(hashes.subList(from, from + width), width));
                });
            }
        }
    }

    private static FluentConfiguration flyway(String url) {
        return Flyway.configure().dataSource(url, PostgresSchema.USER, "")
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql");
    }

    /** Leaves and the tree state as the sealer wrote them before 6.2; answers the leaf hashes. */
    private static List<byte[]> sealOldStyle(Connection db, String tenant, int size) {
        Frontier frontier = Frontier.empty();
        List<byte[]> hashes = new ArrayList<>();
        try (PreparedStatement leaf = db.prepareStatement(
                "INSERT INTO audit_leaf (tenant_id, leaf_index, event_id, leaf_hash) VALUES (?, ?, ?, ?)");
             PreparedStatement state = db.prepareStatement(
                     "INSERT INTO audit_tree_state (tenant_id, tree_size, frontier) VALUES (?, ?, ?)")) {
            for (int i = 0; i < size; i++) {
                byte[] hash = MerkleTree.leafHash((tenant + " event " + i).getBytes(StandardCharsets.UTF_8));
                hashes.add(hash);
                frontier.append(hash);
                leaf.setString(1, tenant);
                leaf.setLong(2, i);
                leaf.setLong(3, tenant.hashCode() * 1000L + i);
                leaf.setBytes(4, hash);
                leaf.executeUpdate();
            }
            state.setString(1, tenant);
            state.setLong(2, size);
            state.setString(3, frontier.encode());
            state.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return hashes;
    }

    private static Map<TreeNode, byte[]> nodes(Connection db, String tenant) throws SQLException {
        Map<TreeNode, byte[]> nodes = new HashMap<>();
        try (PreparedStatement query = db.prepareStatement(
                "SELECT level, node_index, hash FROM audit_node WHERE tenant_id = ?")) {
            query.setString(1, tenant);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    nodes.put(new TreeNode(rows.getInt(1), rows.getLong(2)), rows.getBytes(3));
                }
            }
        }
        return nodes;
    }
}
