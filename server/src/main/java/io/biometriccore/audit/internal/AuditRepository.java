package io.biometriccore.audit.internal;

import static io.biometriccore.shared.SqlTimes.utc;

import io.biometriccore.audittools.AuditEntry;
import io.biometriccore.audittools.AuditTables;
import io.biometriccore.audittools.SealedLeaf;
import io.biometriccore.audittools.TreeHead;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The audit tables. Events, leaves and heads are only ever inserted; every query names the tenant. */
@Repository
public class AuditRepository {

    /** The sealer's state of one tenant. */
    public record TreeState(long treeSize, String frontier) {
    }

    private final JdbcClient jdbc;

    AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the new event's id */
    public long insert(AuditEntry e) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO audit_event (tenant_id, occurred_at, event_type, event_class, outcome, reason, actor_type,
                    actor_id, customer_id, device_id, credential_id, session_id, channel, correlation_id,
                    network_key_id, network_data, personal_key_id, personal_data)
                VALUES (:tenant, :at, :type, :class, :outcome, :reason, :actorType, :actorId, :customer, :device,
                    :credential, :session, :channel, :correlation, :networkKey, :networkData, :personalKey,
                    :personalData)""")
                .param("tenant", e.tenantId()).param("at", utc(e.occurredAt())).param("type", e.eventType())
                .param("class", e.eventClass()).param("outcome", e.outcome()).param("reason", e.reason())
                .param("actorType", e.actorType()).param("actorId", e.actorId()).param("customer", e.customerId())
                .param("device", e.deviceId()).param("credential", e.credentialId()).param("session", e.sessionId())
                .param("channel", e.channel()).param("correlation", e.correlationId())
                .param("networkKey", e.networkKeyId()).param("networkData", e.networkData())
                .param("personalKey", e.personalKeyId()).param("personalData", e.personalData())
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    public Optional<AuditEntry> find(String tenantId, long id) {
        return jdbc.sql("SELECT * FROM audit_event WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenantId).param("id", id).query(AuditRepository::entry).optional();
    }

    public List<AuditEntry> events(String tenantId) {
        return jdbc.sql("SELECT * FROM audit_event WHERE tenant_id = :tenant ORDER BY id")
                .param("tenant", tenantId).query(AuditRepository::entry).list();
    }

    /** Committed events of the tenant since {@code since} that no leaf seals yet, oldest first. */
    public List<AuditEntry> unsealed(String tenantId, Instant since, int limit) {
        return jdbc.sql("""
                SELECT e.* FROM audit_event e
                 WHERE e.tenant_id = :tenant AND e.occurred_at >= :since
                   AND NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.event_id = e.id)
                 ORDER BY e.id LIMIT :limit""")
                .param("tenant", tenantId).param("since", utc(since)).param("limit", limit)
                .query(AuditRepository::entry).list();
    }

    /** Tenants with events since {@code since} that no leaf seals yet. */
    public List<String> tenantsWithUnsealedEvents(Instant since) {
        return jdbc.sql("""
                SELECT DISTINCT e.tenant_id FROM audit_event e
                 WHERE e.occurred_at >= :since AND NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.event_id = e.id)""")
                .param("since", utc(since)).query(String.class).list();
    }

    /**
     * Locks the tenant's tree state row for this transaction, creating it first if need be; empty when
     * another sealer holds it (that one is sealing the tenant, so this one moves on).
     */
    public Optional<TreeState> lockTreeState(String tenantId) {
        jdbc.sql("INSERT INTO audit_tree_state (tenant_id, tree_size, frontier) VALUES (:tenant, 0, '') ON CONFLICT DO NOTHING")
                .param("tenant", tenantId).update();
        return jdbc.sql("SELECT tree_size, frontier FROM audit_tree_state WHERE tenant_id = :tenant FOR UPDATE SKIP LOCKED")
                .param("tenant", tenantId)
                .query((rs, row) -> new TreeState(rs.getLong("tree_size"), rs.getString("frontier"))).optional();
    }

    public void saveTreeState(String tenantId, TreeState state) {
        jdbc.sql("UPDATE audit_tree_state SET tree_size = :size, frontier = :frontier WHERE tenant_id = :tenant")
                .param("size", state.treeSize()).param("frontier", state.frontier()).param("tenant", tenantId).update();
    }

    public void insertLeaf(String tenantId, SealedLeaf leaf) {
        jdbc.sql("INSERT INTO audit_leaf (tenant_id, leaf_index, event_id, leaf_hash) VALUES (:tenant, :index, :event, :hash)")
                .param("tenant", tenantId).param("index", leaf.leafIndex()).param("event", leaf.eventId())
                .param("hash", leaf.leafHash()).update();
    }

    public List<SealedLeaf> leaves(String tenantId) {
        return jdbc.sql("SELECT leaf_index, event_id, leaf_hash FROM audit_leaf WHERE tenant_id = :tenant ORDER BY leaf_index")
                .param("tenant", tenantId)
                .query((rs, row) -> AuditTables.leaf(rs))
                .list();
    }

    public Optional<SealedLeaf> leafOf(String tenantId, long eventId) {
        return jdbc.sql("SELECT leaf_index, event_id, leaf_hash FROM audit_leaf WHERE tenant_id = :tenant AND event_id = :event")
                .param("tenant", tenantId).param("event", eventId)
                .query((rs, row) -> AuditTables.leaf(rs))
                .optional();
    }

    public void insertHead(TreeHead head) {
        jdbc.sql("INSERT INTO audit_tree_head (tenant_id, tree_size, root_hash, signed_at, jws) VALUES (:tenant, :size, :root, :at, :jws)")
                .param("tenant", head.tenantId()).param("size", head.treeSize()).param("root", head.rootHash())
                .param("at", utc(head.timestamp())).param("jws", head.jws()).update();
    }

    public List<TreeHead> heads(String tenantId) {
        return jdbc.sql("SELECT * FROM audit_tree_head WHERE tenant_id = :tenant ORDER BY tree_size")
                .param("tenant", tenantId).query(AuditRepository::head).list();
    }

    public Optional<TreeHead> head(String tenantId, long treeSize) {
        return jdbc.sql("SELECT * FROM audit_tree_head WHERE tenant_id = :tenant AND tree_size = :size")
                .param("tenant", tenantId).param("size", treeSize).query(AuditRepository::head).optional();
    }

    static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        return AuditTables.event(rs);
    }

    private static TreeHead head(ResultSet rs, int row) throws SQLException {
        return AuditTables.head(rs);
    }
}
