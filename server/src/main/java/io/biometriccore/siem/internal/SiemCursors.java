package io.biometriccore.siem.internal;

import static io.biometriccore.shared.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code siem_cursor}: per sink and tenant, the last leaf index the receiver acknowledged, the state
 * of failed attempts, and the lease of the node delivering it. The cursor only ever moves forward.
 */
@Repository
public class SiemCursors {

    /**
     * One sink's position in one tenant's log.
     *
     * @param lastLeafIndex the last acknowledged leaf, -1 before the first delivery
     * @param lastStatus    the HTTP status of the last attempt, 0 when the receiver did not answer
     * @param failures      failed attempts since the last success
     */
    public record Cursor(String sink, String tenantId, long lastLeafIndex, @Nullable Instant deliveredAt,
            @Nullable Instant attemptedAt, @Nullable Integer lastStatus, int failures) {
    }

    private final JdbcClient jdbc;

    SiemCursors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Cursor> of(String sink) {
        return jdbc.sql("SELECT * FROM siem_cursor WHERE sink = :sink ORDER BY tenant_id")
                .param("sink", sink).query(SiemCursors::cursor).list();
    }

    /**
     * Takes (or renews) the lease of a sink and tenant for {@code node} until {@code until}, creating
     * the cursor first if need be; empty while another node's lease runs.
     */
    Optional<Cursor> claim(String sink, String tenantId, UUID node, Instant now, Instant until) {
        jdbc.sql("""
                INSERT INTO siem_cursor (sink, tenant_id, last_leaf_index, failures)
                VALUES (:sink, :tenant, -1, 0) ON CONFLICT DO NOTHING""")
                .param("sink", sink).param("tenant", tenantId).update();
        int leased = jdbc.sql("""
                UPDATE siem_cursor SET leased_by = :node, leased_until = :until
                 WHERE sink = :sink AND tenant_id = :tenant
                   AND (leased_by IS NULL OR leased_by = :node OR leased_until < :now)""")
                .param("node", node).param("until", utc(until)).param("sink", sink).param("tenant", tenantId)
                .param("now", utc(now)).update();
        if (leased == 0) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT * FROM siem_cursor WHERE sink = :sink AND tenant_id = :tenant")
                .param("sink", sink).param("tenant", tenantId).query(SiemCursors::cursor).optional();
    }

    /** The receiver acknowledged every leaf up to {@code lastLeafIndex}. */
    void delivered(String sink, String tenantId, long lastLeafIndex, int status, Instant now) {
        jdbc.sql("""
                UPDATE siem_cursor SET last_leaf_index = GREATEST(last_leaf_index, :last), delivered_at = :now,
                       attempted_at = :now, last_status = :status, failures = 0
                 WHERE sink = :sink AND tenant_id = :tenant""")
                .param("last", lastLeafIndex).param("now", utc(now)).param("status", status).param("sink", sink)
                .param("tenant", tenantId).update();
    }

    /** An attempt failed; the cursor stays where it is. */
    void failed(String sink, String tenantId, int status, Instant now) {
        jdbc.sql("""
                UPDATE siem_cursor SET attempted_at = :now, last_status = :status, failures = failures + 1
                 WHERE sink = :sink AND tenant_id = :tenant""")
                .param("now", utc(now)).param("status", status).param("sink", sink).param("tenant", tenantId)
                .update();
    }

    /** Gives up the node's leases, so that another node can go on at once. */
    public void release(UUID node) {
        jdbc.sql("UPDATE siem_cursor SET leased_by = NULL, leased_until = NULL WHERE leased_by = :node")
                .param("node", node).update();
    }

    private static Cursor cursor(ResultSet rs, int row) throws SQLException {
        OffsetDateTime delivered = rs.getObject("delivered_at", OffsetDateTime.class);
        OffsetDateTime attempted = rs.getObject("attempted_at", OffsetDateTime.class);
        int status = rs.getInt("last_status");
        Integer lastStatus = rs.wasNull() ? null : status;
        return new Cursor(rs.getString("sink"), rs.getString("tenant_id"), rs.getLong("last_leaf_index"),
                delivered == null ? null : delivered.toInstant(), attempted == null ? null : attempted.toInstant(),
                lastStatus, rs.getInt("failures"));
    }
}
