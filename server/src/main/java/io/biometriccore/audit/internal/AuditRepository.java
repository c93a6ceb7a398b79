package io.biometriccore.audit.internal;

import static io.biometriccore.shared.SqlTimes.utc;

import io.biometriccore.audittools.AuditEntry;
import io.biometriccore.audittools.AuditTables;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The audit events and the sealer's queue of them ({@code audit_unsealed}). Events are only ever
 * inserted, each with its queue row in the same transaction; every query names the tenant.
 */
@Repository
public class AuditRepository {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;

    AuditRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /**
     * Inserts the events, in order, and queues each for the sealer, with one batched statement for
     * the events and one for the queue.
     *
     * @return the new events' ids, in order
     */
    public List<Long> insert(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        KeyHolder keys = new GeneratedKeyHolder();
        batches.batchUpdate("""
                INSERT INTO audit_event (tenant_id, occurred_at, event_type, event_class, outcome, reason, actor_type,
                    actor_id, customer_id, device_id, credential_id, session_id, channel, correlation_id,
                    network_key_id, network_data, personal_key_id, personal_data, occurrences, last_occurred_at)
                VALUES (:tenant, :at, :type, :class, :outcome, :reason, :actorType, :actorId, :customer, :device,
                    :credential, :session, :channel, :correlation, :networkKey, :networkData, :personalKey,
                    :personalData, :occurrences, :lastAt)""", entries.stream().map(AuditRepository::row).toArray(SqlParameterSource[]::new),
                keys, new String[] {"id"});
        List<Long> ids = keys.getKeyList().stream().map(k -> ((Number) k.get("id")).longValue()).toList();
        List<SqlParameterSource> queue = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            queue.add(new MapSqlParameterSource("tenant", entries.get(i).tenantId()).addValue("event", ids.get(i)));
        }
        batches.batchUpdate("INSERT INTO audit_unsealed (tenant_id, event_id) VALUES (:tenant, :event)",
                queue.toArray(SqlParameterSource[]::new));
        return ids;
    }

    private static SqlParameterSource row(AuditEntry e) {
        return new MapSqlParameterSource()
                .addValue("tenant", e.tenantId()).addValue("at", utc(e.occurredAt())).addValue("type", e.eventType())
                .addValue("class", e.eventClass()).addValue("outcome", e.outcome()).addValue("reason", e.reason())
                .addValue("actorType", e.actorType()).addValue("actorId", e.actorId())
                .addValue("customer", e.customerId()).addValue("device", e.deviceId())
                .addValue("credential", e.credentialId()).addValue("session", e.sessionId())
                .addValue("channel", e.channel()).addValue("correlation", e.correlationId())
                .addValue("networkKey", e.networkKeyId()).addValue("networkData", e.networkData())
                .addValue("personalKey", e.personalKeyId()).addValue("personalData", e.personalData())
                .addValue("occurrences", e.occurrences() == null ? null : e.occurrences().count(), Types.INTEGER)
                .addValue("lastAt", e.occurrences() == null ? null : utc(e.occurrences().lastAt()),
                        Types.TIMESTAMP_WITH_TIMEZONE);
    }

    public Optional<AuditEntry> find(String tenantId, long id) {
        return jdbc.sql("SELECT * FROM audit_event WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenantId).param("id", id).query(AuditRepository::entry).optional();
    }

    /** Up to {@code limit} events of the tenant after id {@code afterId}, by id (a keyset page). */
    /** The newest event of the type and reason naming the credential, by the index on (tenant, credential, id). */
    public Optional<Long> findByCredential(String tenantId, String credentialId, String eventType, String reason) {
        return jdbc.sql("""
                SELECT id FROM audit_event WHERE tenant_id = :tenant AND credential_id = :credential
                   AND event_type = :type AND reason = :reason ORDER BY id DESC LIMIT 1""")
                .param("tenant", tenantId).param("credential", credentialId).param("type", eventType)
                .param("reason", reason).query(Long.class).optional();
    }

    public List<AuditEntry> eventsAfter(String tenantId, long afterId, int limit) {
        return jdbc.sql("SELECT * FROM audit_event WHERE tenant_id = :tenant AND id > :after ORDER BY id LIMIT :limit")
                .param("tenant", tenantId).param("after", afterId).param("limit", limit)
                .query(AuditRepository::entry).list();
    }

    /** Up to {@code limit} events of the tenant after id {@code afterId} that no leaf of the tenant seals, by id. */
    public List<AuditEntry> unsealedAfter(String tenantId, long afterId, int limit) {
        return jdbc.sql("""
                SELECT e.* FROM audit_event e
                 WHERE e.tenant_id = :tenant AND e.id > :after
                   AND NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.event_id = e.id AND l.tenant_id = e.tenant_id)
                 ORDER BY e.id LIMIT :limit""")
                .param("tenant", tenantId).param("after", afterId).param("limit", limit)
                .query(AuditRepository::entry).list();
    }

    public long count(String tenantId) {
        return jdbc.sql("SELECT count(*) FROM audit_event WHERE tenant_id = :tenant").param("tenant", tenantId)
                .query(Long.class).single();
    }

    /**
     * The oldest {@code limit} queued events of the tenant with ids above {@code afterEventId}, by id
     * (-1: from the head of the queue). Only committed rows are visible, so an event of a transaction
     * still open shows up here once it commits, whatever its id. The page of ids is read first, then
     * its events by key ({@link EventsById}), never by a join that reads the tenant's history.
     */
    public List<AuditEntry> queued(String tenantId, long afterEventId, int limit) {
        List<Long> page = jdbc.sql("""
                SELECT event_id FROM audit_unsealed WHERE tenant_id = :tenant AND event_id > :after
                 ORDER BY event_id LIMIT :limit""")
                .param("tenant", tenantId).param("after", afterEventId).param("limit", limit)
                .query(Long.class).list();
        Map<Long, AuditEntry> events = EventsById.load(jdbc, tenantId, page, AuditRepository::entry);
        return page.stream().filter(events::containsKey).map(events::get).toList();
    }

    /** Takes sealed events off the queue. */
    public void dequeue(String tenantId, List<Long> eventIds) {
        batches.batchUpdate("DELETE FROM audit_unsealed WHERE tenant_id = :tenant AND event_id = :event",
                eventIds.stream().map(id -> new MapSqlParameterSource("tenant", tenantId).addValue("event", id))
                        .toArray(SqlParameterSource[]::new));
    }

    /**
     * The tenants with queued events: one index probe per such tenant (a loose index scan), so the
     * cost follows the tenants with a backlog, not the size of the backlog or of the log.
     */
    public List<String> tenantsWithQueuedEvents() {
        List<String> tenants = new ArrayList<>();
        Optional<String> next = firstQueuedTenantAfter("");
        while (next.isPresent()) {
            tenants.add(next.get());
            next = firstQueuedTenantAfter(next.get());
        }
        return tenants;
    }

    private Optional<String> firstQueuedTenantAfter(String tenantId) {
        return jdbc.sql("SELECT tenant_id FROM audit_unsealed WHERE tenant_id > :after ORDER BY tenant_id LIMIT 1")
                .param("after", tenantId).query(String.class).optional();
    }

    static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        return AuditTables.event(rs);
    }
}
