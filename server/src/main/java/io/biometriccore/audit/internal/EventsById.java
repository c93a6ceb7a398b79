package io.biometriccore.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The second half of reading a page of the log: the page's keys come first (from the queue or the
 * leaves, by their index), then their events by primary key. In one statement, "the page in a derived
 * table, joined to audit_event", the plan PostgreSQL caches for a prepared statement cannot see the
 * page size and may hash-join the page to a sequential scan of the tenant's whole log: measured at
 * 80,000 events, 47 ms a sealer batch, growing with the log. Two index reads cannot turn into that.
 */
public final class EventsById {

    private EventsById() {
    }

    /** The tenant's events with these ids, by id; ids without an event are absent. */
    public static <T> Map<Long, T> load(JdbcClient jdbc, String tenantId, Collection<Long> ids, RowMapper<T> mapper) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, T> events = new HashMap<>();
        jdbc.sql("SELECT * FROM audit_event WHERE tenant_id = :tenant AND id IN (:ids)")
                .param("tenant", tenantId).param("ids", ids)
                .query((ResultSet rs) -> {
                    events.put(rs.getLong("id"), map(mapper, rs));
                });
        return events;
    }

    private static <T> T map(RowMapper<T> mapper, ResultSet rs) throws SQLException {
        T row = mapper.mapRow(rs, 0);
        if (row == null) {
            throw new IllegalStateException("The mapper returned no event");
        }
        return row;
    }
}
