package io.biometriccore.audittools;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * One audit event as stored: the skeleton in clear, the personal fields as ciphertext under a data
 * key. The Merkle leaf covers all of it (ciphertext included), so destroying a data key later leaves
 * the tree intact. The database id is only a locator and is not hashed: an event is identified in the
 * tree by its leaf index.
 *
 * @param networkData  AES-GCM ciphertext of the client IP and user agent, under {@code networkKeyId}
 * @param personalData AES-GCM ciphertext of other personal fields (names), under {@code personalKeyId}
 * @param occurrences  for an aggregate of failed checks (docs/adr/0025): how many, and when the last
 *                     was; {@code occurredAt} is then the first. Absent for a single event.
 */
public record AuditEntry(long id, String tenantId, Instant occurredAt, String eventType, String eventClass,
        String outcome, @Nullable String reason, String actorType, @Nullable String actorId,
        @Nullable UUID customerId, @Nullable UUID deviceId, @Nullable String credentialId, @Nullable UUID sessionId,
        @Nullable String channel, String correlationId, @Nullable UUID networkKeyId, byte @Nullable [] networkData,
        @Nullable UUID personalKeyId, byte @Nullable [] personalData, @Nullable Occurrences occurrences) {

    /**
     * How many failed checks an aggregated event counts, and the time of the last one.
     *
     * @param count at least 1
     */
    public record Occurrences(int count, Instant lastAt) {
        public Occurrences {
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1");
            }
            lastAt = Objects.requireNonNull(lastAt, "lastAt").truncatedTo(ChronoUnit.MICROS);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public AuditEntry {
        Objects.requireNonNull(tenantId, "tenantId");
        occurredAt = Objects.requireNonNull(occurredAt, "occurredAt").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(eventClass, "eventClass");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(actorType, "actorType");
        Objects.requireNonNull(correlationId, "correlationId");
        networkData = networkData == null ? null : networkData.clone();
        personalData = personalData == null ? null : personalData.clone();
    }

    /** A single event: not an aggregate. */
    public AuditEntry(long id, String tenantId, Instant occurredAt, String eventType, String eventClass,
            String outcome, @Nullable String reason, String actorType, @Nullable String actorId,
            @Nullable UUID customerId, @Nullable UUID deviceId, @Nullable String credentialId, @Nullable UUID sessionId,
            @Nullable String channel, String correlationId, @Nullable UUID networkKeyId, byte @Nullable [] networkData,
            @Nullable UUID personalKeyId, byte @Nullable [] personalData) {
        this(id, tenantId, occurredAt, eventType, eventClass, outcome, reason, actorType, actorId, customerId, deviceId,
                credentialId, sessionId, channel, correlationId, networkKeyId, networkData, personalKeyId, personalData,
                null);
    }

    @Override
    public byte @Nullable [] networkData() {
        return networkData == null ? null : networkData.clone();
    }

    @Override
    public byte @Nullable [] personalData() {
        return personalData == null ? null : personalData.clone();
    }

    /**
     * The leaf input: canonical JSON (keys sorted, no whitespace, UTF-8, binary as base64url, absent
     * values as null) of the event and its position {@code leafIndex}, so that moving an event to
     * another position changes its leaf hash. The members of {@link Occurrences} are there only for an
     * aggregate, so the leaves of events written before aggregates existed keep their hashes.
     */
    public byte[] leafInput(long leafIndex) {
        Map<String, @Nullable Object> members = new TreeMap<>();
        members.put("leafIndex", leafIndex);
        members.put("tenantId", tenantId);
        members.put("occurredAt", occurredAt.toString());
        members.put("eventType", eventType);
        members.put("eventClass", eventClass);
        members.put("outcome", outcome);
        members.put("reason", reason);
        members.put("actorType", actorType);
        members.put("actorId", actorId);
        members.put("customerId", text(customerId));
        members.put("deviceId", text(deviceId));
        members.put("credentialId", credentialId);
        members.put("sessionId", text(sessionId));
        members.put("channel", channel);
        members.put("correlationId", correlationId);
        members.put("networkKeyId", text(networkKeyId));
        members.put("networkData", base64(networkData));
        members.put("personalKeyId", text(personalKeyId));
        members.put("personalData", base64(personalData));
        if (occurrences != null) {
            members.put("occurrences", occurrences.count());
            members.put("lastOccurredAt", occurrences.lastAt().toString());
        }
        return JSON.writeValueAsString(members).getBytes(StandardCharsets.UTF_8);
    }

    /** {@link MerkleTree#leafHash} of {@link #leafInput}. */
    public byte[] leafHash(long leafIndex) {
        return MerkleTree.leafHash(leafInput(leafIndex));
    }

    private static @Nullable String text(@Nullable UUID value) {
        return value == null ? null : value.toString();
    }

    private static @Nullable String base64(byte @Nullable [] value) {
        return value == null ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
