package io.biometriccore.webhooks.internal;

import static io.biometriccore.shared.SqlTimes.requiredInstant;
import static io.biometriccore.shared.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code webhook_outbox}: the notifications still to deliver, and for a while those delivered or given
 * up. Every statement is scoped by tenant and webhook and served by an index; a row's state changes
 * only under the lease of the node that claimed it ({@code leased_by}), so a node whose lease ran out
 * while it waited for an answer cannot overwrite what the node that took over recorded.
 */
@Repository
class Outbox {

    /** Why a row was given up. */
    enum DeadReason { MAX_AGE, BACKLOG_FULL }

    /** A row claimed for delivery: what is sent, and how often it was tried before. */
    record Claimed(UUID id, String tenantId, UUID webhookId, String type, String body, Instant createdAt,
            int attempts) {
    }

    /** A webhook's outbox at a glance. */
    record Summary(long backlog, long deadLetters) {
    }

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new row, due at once (or, with {@code dead}, given up at once); in the caller's transaction. */
    void insert(UUID id, String tenantId, UUID webhookId, String type, String body, Instant now,
            @Nullable DeadReason dead, Instant purgeAfter) {
        jdbc.sql("""
                INSERT INTO webhook_outbox (id, tenant_id, webhook_id, type, body, created_at, next_attempt_at,
                       attempts, dead_at, dead_reason, purge_after)
                VALUES (:id, :tenant, :webhook, :type, :body, :now, :next, 0, :dead, :reason, :purge)""")
                .param("id", id).param("tenant", tenantId).param("webhook", webhookId).param("type", type)
                .param("body", body).param("now", utc(now)).param("next", dead == null ? utc(now) : null)
                .param("dead", dead == null ? null : utc(now)).param("reason", dead == null ? null : wire(dead))
                .param("purge", utc(purgeAfter)).update();
    }

    /** Whether the webhook has at least {@code cap} undelivered rows; reads at most {@code cap} index entries. */
    boolean backlogAtLeast(String tenantId, UUID webhookId, int cap) {
        Long rows = jdbc.sql("""
                SELECT count(*) FROM (SELECT 1 FROM webhook_outbox
                 WHERE tenant_id = :tenant AND webhook_id = :webhook AND next_attempt_at IS NOT NULL
                 LIMIT :cap) backlog""")
                .param("tenant", tenantId).param("webhook", webhookId).param("cap", cap).query(Long.class).single();
        return rows >= cap;
    }

    /**
     * The rows due at {@code now}, at most {@code limit}, leased to {@code node}: their next attempt moves
     * to {@code until}, so no other node sees them due before the lease ends. Rows another node is
     * claiming at the same moment are skipped, not waited for. Call it in a transaction.
     */
    List<Claimed> claim(String tenantId, UUID webhookId, UUID node, Instant now, Instant until, int limit) {
        List<UUID> ids = jdbc.sql("""
                SELECT id FROM webhook_outbox
                 WHERE tenant_id = :tenant AND webhook_id = :webhook AND next_attempt_at <= :now
                 ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .param("tenant", tenantId).param("webhook", webhookId).param("now", utc(now)).param("limit", limit)
                .query(UUID.class).list();
        if (ids.isEmpty()) {
            return List.of();
        }
        jdbc.sql("""
                UPDATE webhook_outbox SET leased_by = :node, next_attempt_at = :until
                 WHERE tenant_id = :tenant AND id IN (:ids)""")
                .param("node", node).param("until", utc(until)).param("tenant", tenantId).param("ids", ids).update();
        return jdbc.sql("SELECT * FROM webhook_outbox WHERE tenant_id = :tenant AND id IN (:ids) ORDER BY created_at")
                .param("tenant", tenantId).param("ids", ids).query(Outbox::claimed).list();
    }

    /** The receiver acknowledged the row; false when the node's lease was lost meanwhile. */
    boolean delivered(Claimed row, UUID node, int status, Instant now, Instant purgeAfter) {
        return jdbc.sql("""
                UPDATE webhook_outbox SET next_attempt_at = NULL, leased_by = NULL, attempts = attempts + 1,
                       last_attempt_at = :now, last_status = :status, delivered_at = :now, purge_after = :purge
                 WHERE tenant_id = :tenant AND id = :id AND leased_by = :node""")
                .param("now", utc(now)).param("status", status).param("purge", utc(purgeAfter))
                .param("tenant", row.tenantId()).param("id", row.id()).param("node", node).update() > 0;
    }

    /** An attempt failed; the row is due again at {@code next}. */
    boolean failed(Claimed row, UUID node, int status, Instant now, Instant next) {
        return jdbc.sql("""
                UPDATE webhook_outbox SET next_attempt_at = :next, leased_by = NULL, attempts = attempts + 1,
                       last_attempt_at = :now, last_status = :status
                 WHERE tenant_id = :tenant AND id = :id AND leased_by = :node""")
                .param("next", utc(next)).param("now", utc(now)).param("status", status)
                .param("tenant", row.tenantId()).param("id", row.id()).param("node", node).update() > 0;
    }

    /** The row is given up: kept, counted and shown to administrators until {@code purgeAfter}. */
    boolean deadLettered(Claimed row, UUID node, DeadReason reason, Instant now, Instant purgeAfter) {
        return jdbc.sql("""
                UPDATE webhook_outbox SET next_attempt_at = NULL, leased_by = NULL, dead_at = :now,
                       dead_reason = :reason, purge_after = :purge
                 WHERE tenant_id = :tenant AND id = :id AND leased_by = :node""")
                .param("now", utc(now)).param("reason", wire(reason)).param("purge", utc(purgeAfter))
                .param("tenant", row.tenantId()).param("id", row.id()).param("node", node).update() > 0;
    }

    long backlog(String tenantId, UUID webhookId) {
        return jdbc.sql("""
                SELECT count(*) FROM webhook_outbox
                 WHERE tenant_id = :tenant AND webhook_id = :webhook AND next_attempt_at IS NOT NULL""")
                .param("tenant", tenantId).param("webhook", webhookId).query(Long.class).single();
    }

    Summary summary(String tenantId, UUID webhookId) {
        long dead = jdbc.sql("""
                SELECT count(*) FROM webhook_outbox
                 WHERE tenant_id = :tenant AND webhook_id = :webhook AND dead_at IS NOT NULL""")
                .param("tenant", tenantId).param("webhook", webhookId).query(Long.class).single();
        return new Summary(backlog(tenantId, webhookId), dead);
    }

    private static String wire(DeadReason reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }

    private static Claimed claimed(ResultSet rs, int row) throws SQLException {
        return new Claimed(rs.getObject("id", UUID.class), rs.getString("tenant_id"),
                rs.getObject("webhook_id", UUID.class), rs.getString("type"), rs.getString("body"),
                requiredInstant(rs, "created_at"), rs.getInt("attempts"));
    }
}
