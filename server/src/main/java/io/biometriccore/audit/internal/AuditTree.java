package io.biometriccore.audit.internal;

import static io.biometriccore.shared.SqlTimes.utc;

import io.biometriccore.audittools.AuditEntry;
import io.biometriccore.audittools.AuditTables;
import io.biometriccore.audittools.SealedLeaf;
import io.biometriccore.audittools.TreeHead;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A tenant's Merkle log as stored: the sealer's state ({@code audit_tree_state}), the leaves, the
 * roots of the perfect subtrees above them ({@code audit_node}) and the signed tree heads. Leaves,
 * nodes and heads are only ever inserted; every query names the tenant.
 */
@Repository
public class AuditTree {

    /** The sealer's state of one tenant: the tree's size and its {@link io.biometriccore.audittools.Frontier}. */
    public record State(long treeSize, String frontier) {
    }

    /** Whether a sealer waits for another that holds the tenant's tree, or moves on. */
    public enum Locking { WAIT, SKIP_LOCKED }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;

    AuditTree(JdbcClient jdbc, NamedParameterJdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /**
     * Locks the tenant's tree state row for this transaction, creating it first if need be; empty when
     * another sealer holds it and {@code locking} is {@link Locking#SKIP_LOCKED}.
     */
    public Optional<State> lock(String tenantId, Locking locking) {
        jdbc.sql("INSERT INTO audit_tree_state (tenant_id, tree_size, frontier) VALUES (:tenant, 0, '') ON CONFLICT DO NOTHING")
                .param("tenant", tenantId).update();
        String lock = locking == Locking.WAIT ? "FOR UPDATE" : "FOR UPDATE SKIP LOCKED";
        return jdbc.sql("SELECT tree_size, frontier FROM audit_tree_state WHERE tenant_id = :tenant " + lock)
                .param("tenant", tenantId)
                .query((rs, row) -> new State(rs.getLong("tree_size"), rs.getString("frontier"))).optional();
    }

    public void save(String tenantId, State state) {
        jdbc.sql("UPDATE audit_tree_state SET tree_size = :size, frontier = :frontier WHERE tenant_id = :tenant")
                .param("size", state.treeSize()).param("frontier", state.frontier()).param("tenant", tenantId).update();
    }

    /** Appends leaves and the nodes they complete, one batched statement each. */
    public void append(String tenantId, List<SealedLeaf> leaves, Map<TreeNode, byte[]> nodes) {
        batches.batchUpdate("""
                INSERT INTO audit_leaf (tenant_id, leaf_index, event_id, leaf_hash)
                VALUES (:tenant, :index, :event, :hash)""", leaves.stream()
                .map(leaf -> new MapSqlParameterSource("tenant", tenantId).addValue("index", leaf.leafIndex())
                        .addValue("event", leaf.eventId()).addValue("hash", leaf.leafHash()))
                .toArray(SqlParameterSource[]::new));
        batches.batchUpdate("""
                INSERT INTO audit_node (tenant_id, level, node_index, hash)
                VALUES (:tenant, :level, :index, :hash)""", nodes.entrySet().stream()
                .map(node -> new MapSqlParameterSource("tenant", tenantId).addValue("level", node.getKey().level())
                        .addValue("index", node.getKey().index()).addValue("hash", node.getValue()))
                .toArray(SqlParameterSource[]::new));
    }

    /** Up to {@code limit} leaves of the tenant after leaf {@code afterIndex}, in leaf order (a keyset page). */
    public List<SealedLeaf> leavesAfter(String tenantId, long afterIndex, int limit) {
        return jdbc.sql("""
                SELECT leaf_index, event_id, leaf_hash FROM audit_leaf
                 WHERE tenant_id = :tenant AND leaf_index > :after ORDER BY leaf_index LIMIT :limit""")
                .param("tenant", tenantId).param("after", afterIndex).param("limit", limit)
                .query((rs, row) -> AuditTables.leaf(rs)).list();
    }

    /** A leaf and the tenant's event it names, absent when there is none. */
    public record SealedPair(SealedLeaf leaf, @Nullable AuditEntry event) {
    }

    /** Up to {@code limit} leaves after leaf {@code afterIndex}, in leaf order, each with its event. */
    public List<SealedPair> sealedAfter(String tenantId, long afterIndex, int limit) {
        List<SealedLeaf> leaves = leavesAfter(tenantId, afterIndex, limit);
        Map<Long, AuditEntry> events = EventsById.load(jdbc, tenantId,
                leaves.stream().map(SealedLeaf::eventId).toList(), (rs, row) -> AuditTables.event(rs));
        return leaves.stream().map(leaf -> new SealedPair(leaf, events.get(leaf.eventId()))).toList();
    }

    /** The events that more than one of the tenant's leaves name (none, unless the constraint was dropped). */
    public Set<Long> sealedMoreThanOnce(String tenantId) {
        return Set.copyOf(jdbc.sql("""
                SELECT event_id FROM audit_leaf WHERE tenant_id = :tenant GROUP BY event_id HAVING count(*) > 1""")
                .param("tenant", tenantId).query(Long.class).list());
    }

    public Optional<SealedLeaf> leafOf(String tenantId, long eventId) {
        return jdbc.sql("SELECT leaf_index, event_id, leaf_hash FROM audit_leaf WHERE tenant_id = :tenant AND event_id = :event")
                .param("tenant", tenantId).param("event", eventId)
                .query((rs, row) -> AuditTables.leaf(rs))
                .optional();
    }

    /**
     * The hashes of the given nodes that exist, in two indexed reads: leaves from {@code audit_leaf},
     * higher nodes from {@code audit_node}.
     */
    public Map<TreeNode, byte[]> hashes(String tenantId, Set<TreeNode> nodes) {
        Map<TreeNode, byte[]> hashes = new HashMap<>();
        List<Long> leaves = nodes.stream().filter(n -> n.level() == 0).map(TreeNode::index).toList();
        if (!leaves.isEmpty()) {
            jdbc.sql("SELECT leaf_index, leaf_hash FROM audit_leaf WHERE tenant_id = :tenant AND leaf_index IN (:indices)")
                    .param("tenant", tenantId).param("indices", leaves)
                    .query(rs -> {
                        hashes.put(new TreeNode(0, rs.getLong("leaf_index")), rs.getBytes("leaf_hash"));
                    });
        }
        List<Object[]> higher = nodes.stream().filter(n -> n.level() > 0)
                .map(n -> new Object[] {n.level(), n.index()}).toList();
        if (!higher.isEmpty()) {
            jdbc.sql("""
                    SELECT level, node_index, hash FROM audit_node
                     WHERE tenant_id = :tenant AND (level, node_index) IN (:nodes)""")
                    .param("tenant", tenantId).param("nodes", higher)
                    .query(rs -> {
                        hashes.put(new TreeNode(rs.getInt("level"), rs.getLong("node_index")), rs.getBytes("hash"));
                    });
        }
        return hashes;
    }

    public void insertHead(TreeHead head) {
        jdbc.sql("INSERT INTO audit_tree_head (tenant_id, tree_size, root_hash, signed_at, jws) VALUES (:tenant, :size, :root, :at, :jws)")
                .param("tenant", head.tenantId()).param("size", head.treeSize()).param("root", head.rootHash())
                .param("at", utc(head.timestamp())).param("jws", head.jws()).update();
    }

    /** The tenant's tree size: how many events are sealed. */
    public long size(String tenantId) {
        return jdbc.sql("SELECT tree_size FROM audit_tree_state WHERE tenant_id = :tenant")
                .param("tenant", tenantId).query(Long.class).optional().orElse(0L);
    }

    /** Up to {@code limit} heads of the tenant larger than {@code afterSize}, by size (a keyset page). */
    public List<TreeHead> headsAfter(String tenantId, long afterSize, int limit) {
        return jdbc.sql("""
                SELECT * FROM audit_tree_head WHERE tenant_id = :tenant AND tree_size > :after
                 ORDER BY tree_size LIMIT :limit""")
                .param("tenant", tenantId).param("after", afterSize).param("limit", limit)
                .query((rs, row) -> AuditTables.head(rs)).list();
    }

    public Optional<TreeHead> head(String tenantId, long treeSize) {
        return jdbc.sql("SELECT * FROM audit_tree_head WHERE tenant_id = :tenant AND tree_size = :size")
                .param("tenant", tenantId).param("size", treeSize).query((rs, row) -> AuditTables.head(rs)).optional();
    }
}
