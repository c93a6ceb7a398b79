package io.biometriccore.audit;

import io.biometriccore.audit.internal.DataKeys;
import io.biometriccore.audit.internal.EventsById;
import io.biometriccore.shared.SqlTimes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sealed events in leaf order, for exporters. Only sealed events are read: a tenant's leaves are
 * committed a batch at a time with contiguous indices, so what is visible is always the prefix
 * {@code 0..size-1} of the log, and reading "after leaf {@code n}" never skips an event that shows up
 * later. The client IP and user agent are decrypted; when their data key has been destroyed the
 * event says so ({@link SealedEvent#shredded()}) and carries neither.
 */
@Service
public class SealedEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One sealed event as an exporter sees it.
     *
     * @param leafIndex its position in the tenant's Merkle log, from 0 without gaps
     * @param shredded  the event had network fields but their key has been destroyed
     * @param occurrences    how many failed checks an aggregated event counts (docs/adr/0025); 1 for a
     *                       single event
     * @param lastOccurredAt the last of them, for an aggregate; {@code occurredAt} is the first
     */
    public record SealedEvent(long leafIndex, long eventId, String tenantId, Instant occurredAt, String type,
            String eventClass, String outcome, @Nullable String reason, String actorType, @Nullable String actorId,
            @Nullable UUID customerId, @Nullable UUID deviceId, @Nullable String credentialId,
            @Nullable UUID sessionId, @Nullable String channel, String correlationId, @Nullable String ip,
            @Nullable String userAgent, boolean shredded, int occurrences, @Nullable Instant lastOccurredAt) {

        public SealedEvent {
            if (leafIndex < 0) {
                throw new IllegalArgumentException("leaf indices start at 0");
            }
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(occurredAt, "occurredAt");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(eventClass, "eventClass");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(actorType, "actorType");
            Objects.requireNonNull(correlationId, "correlationId");
            if (occurrences < 1) {
                throw new IllegalArgumentException("occurrences must be at least 1");
            }
        }
    }

    /** A row before its network fields are decrypted. */
    private record Row(SealedEvent event, @Nullable UUID networkKeyId, byte @Nullable [] networkData) {
    }

    private final JdbcClient jdbc;
    private final DataKeys dataKeys;

    SealedEvents(JdbcClient jdbc, DataKeys dataKeys) {
        this.jdbc = jdbc;
        this.dataKeys = dataKeys;
    }

    /** The number of sealed events (the tree size) of every tenant that has any. */
    @Transactional(readOnly = true)
    public Map<String, Long> sealedCounts() {
        return jdbc.sql("SELECT tenant_id, tree_size FROM audit_tree_state WHERE tree_size > 0")
                .query((rs, row) -> Map.entry(rs.getString("tenant_id"), rs.getLong("tree_size"))).list().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * Up to {@code limit} sealed events of the tenant after leaf {@code afterLeafIndex}, in leaf order:
     * the page of leaves, then its events by key ({@link EventsById}).
     */
    @Transactional(readOnly = true)
    public List<SealedEvent> after(String tenantId, long afterLeafIndex, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        Map<Long, Long> leafOf = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT leaf_index, event_id FROM audit_leaf WHERE tenant_id = :tenant AND leaf_index > :after
                 ORDER BY leaf_index LIMIT :limit""")
                .param("tenant", tenantId).param("after", afterLeafIndex).param("limit", limit)
                .query((ResultSet rs) -> {
                    leafOf.put(rs.getLong("event_id"), rs.getLong("leaf_index"));
                });
        Map<Long, Row> events = EventsById.load(jdbc, tenantId, leafOf.keySet(),
                (rs, row) -> row(rs, leafOf.get(rs.getLong("id"))));
        return leafOf.keySet().stream().filter(events::containsKey).map(events::get).map(this::decrypted).toList();
    }

    private SealedEvent decrypted(Row row) {
        SealedEvent e = row.event();
        if (row.networkKeyId() == null || row.networkData() == null) {
            return e;
        }
        Optional<String> fields = dataKeys.decrypt(e.tenantId(), row.networkKeyId(), row.networkData());
        JsonNode network = fields.map(JSON::readTree).orElse(null);
        return new SealedEvent(e.leafIndex(), e.eventId(), e.tenantId(), e.occurredAt(), e.type(), e.eventClass(),
                e.outcome(), e.reason(), e.actorType(), e.actorId(), e.customerId(), e.deviceId(), e.credentialId(),
                e.sessionId(), e.channel(), e.correlationId(), network == null ? null : text(network, "ip"),
                network == null ? null : text(network, "userAgent"), network == null, e.occurrences(),
                e.lastOccurredAt());
    }

    private static @Nullable String text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static Row row(ResultSet rs, long leafIndex) throws SQLException {
        return new Row(new SealedEvent(leafIndex, rs.getLong("id"), rs.getString("tenant_id"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("event_type"),
                rs.getString("event_class"), rs.getString("outcome"), rs.getString("reason"),
                rs.getString("actor_type"), rs.getString("actor_id"), rs.getObject("customer_id", UUID.class),
                rs.getObject("device_id", UUID.class), rs.getString("credential_id"),
                rs.getObject("session_id", UUID.class), rs.getString("channel"), rs.getString("correlation_id"),
                null, null, false, Math.max(1, rs.getInt("occurrences")), SqlTimes.instant(rs, "last_occurred_at")),
                rs.getObject("network_key_id", UUID.class), rs.getBytes("network_data"));
    }
}
