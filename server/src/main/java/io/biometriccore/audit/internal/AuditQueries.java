package io.biometriccore.audit.internal;

import static io.biometriccore.shared.SqlTimes.utc;

import io.biometriccore.audit.AuditEvents.Filter;
import io.biometriccore.audittools.AuditEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads of {@code audit_event} for history and forensics: one tenant's events, newest first, after a
 * cursor. The personal fields stay ciphertext here; the IP filter is applied by the caller after
 * decryption.
 */
@Repository
public class AuditQueries {

    private final JdbcClient jdbc;

    AuditQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Up to {@code limit} events of the tenant that match the filter's clear-text members, by
     * descending id.
     *
     * @param before only events with a smaller id (the cursor), or null for the newest
     */
    public List<AuditEntry> newestFirst(String tenantId, Filter filter, @Nullable Long before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_event WHERE tenant_id = :tenant");
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenantId);
        params.put("limit", limit);
        where(sql, params, "customer_id = :customer", "customer", filter.customerId());
        where(sql, params, "device_id = :device", "device", filter.deviceId());
        where(sql, params, "credential_id = :credential", "credential", filter.credentialId());
        where(sql, params, "event_type IN (:types)", "types",
                filter.types().isEmpty() ? null : List.copyOf(filter.types()));
        where(sql, params, "occurred_at >= :from", "from",
                filter.from() == null ? null : utc(filter.from()));
        where(sql, params, "occurred_at < :to", "to",
                filter.to() == null ? null : utc(filter.to()));
        where(sql, params, "id < :before", "before", before);
        sql.append(" ORDER BY id DESC LIMIT :limit");
        return jdbc.sql(sql.toString()).params(params).query(AuditRepository::entry).list();
    }

    /** Adds {@code AND condition} when the value is given. */
    private static void where(StringBuilder sql, Map<String, Object> params, String condition, String name,
            @Nullable Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            params.put(name, value);
        }
    }
}
