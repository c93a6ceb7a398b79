package io.biometriccore.audit;

import io.biometriccore.audit.internal.AuditQueries;
import io.biometriccore.audit.internal.DataKeys;
import io.biometriccore.audittools.AuditEntry;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.CommonProblem;
import io.biometriccore.tenancy.Tenants;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading the audit log: one tenant's events, newest first, filtered and paginated by an opaque
 * cursor, with their personal fields decrypted, or flagged {@code shredded} once the data key they
 * were encrypted under has been destroyed (customer deletion, retention).
 *
 * <p>The IP is encrypted, so no index can find it: an IP filter decrypts candidates one by one. It
 * therefore needs a time range of at most {@link #MAX_IP_RANGE}, and one call examines at most
 * {@link #MAX_IP_SCAN} events of that range; when it stops there, the page may hold fewer than
 * {@code limit} matches (even none) and {@code nextCursor} continues the scan.
 */
@Service
public class AuditEvents {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    /** The longest time range an IP filter may search. */
    public static final Duration MAX_IP_RANGE = Duration.ofDays(31);
    /** The most events one IP-filtered call decrypts. */
    public static final int MAX_IP_SCAN = 2000;

    private static final int SCAN_BATCH = 200;
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z_]{1,23}\\.[a-z_]{1,24}");
    private static final Pattern CREDENTIAL_ID = Pattern.compile("[A-Za-z0-9_-]{1,1400}");
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final int MAX_TYPES = 32;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() { };

    /**
     * What to look for; every member is optional and they all must match.
     *
     * @param credentialId base64url, as events carry it
     * @param types        exact event types such as {@code authentication.failed}; empty for all
     * @param from         inclusive
     * @param to           exclusive
     * @param ip           an IPv4 or IPv6 address; needs {@code from} and {@code to}, at most
     *                     {@link #MAX_IP_RANGE} apart
     * @throws ApiException {@code invalid_request} naming the member at fault
     */
    public record Filter(@Nullable UUID customerId, @Nullable UUID deviceId, @Nullable String credentialId,
            Set<String> types, @Nullable Instant from, @Nullable Instant to, @Nullable String ip) {

        public Filter {
            if (credentialId != null && !CREDENTIAL_ID.matcher(credentialId).matches()) {
                throw invalid("credentialId must be base64url");
            }
            types = Set.copyOf(types);
            if (types.size() > MAX_TYPES || !types.stream().allMatch(t -> EVENT_TYPE.matcher(t).matches())) {
                throw invalid("type must be up to " + MAX_TYPES + " event types such as authentication.failed");
            }
            if (from != null && to != null && !from.isBefore(to)) {
                throw invalid("from must be before to");
            }
            if (ip != null) {
                address(ip).orElseThrow(() -> invalid("ip must be an IPv4 or IPv6 address"));
                if (from == null || to == null || Duration.between(from, to).compareTo(MAX_IP_RANGE) > 0) {
                    throw invalid("an ip filter needs from and to, at most " + MAX_IP_RANGE.toDays() + " days apart");
                }
            }
        }

        /** One customer's events of these types. */
        public static Filter customer(UUID customerId, Set<String> types) {
            return new Filter(Objects.requireNonNull(customerId, "customerId"), null, null, types, null, null, null);
        }
    }

    /**
     * One event as investigators and activity history read it.
     *
     * @param ip       the client's address, absent when not recorded or shredded
     * @param personal names (username, displayName, deviceName, name), empty when none or shredded
     * @param shredded a personal field was recorded but its data key is destroyed
     * @param occurrences    on an aggregate of failed checks (docs/adr/0025), how many it counts; else absent
     * @param lastOccurredAt on an aggregate, the last of them; {@code occurredAt} is the first
     */
    public record Event(long id, Instant occurredAt, String type, String outcome, @Nullable String reason,
            String actorType, @Nullable String actorId, @Nullable UUID customerId, @Nullable UUID deviceId,
            @Nullable String credentialId, @Nullable UUID sessionId, @Nullable String channel, String correlationId,
            @Nullable String ip, @Nullable String userAgent, Map<String, String> personal, boolean shredded,
            @Nullable Integer occurrences, @Nullable Instant lastOccurredAt) {

        public Event {
            Objects.requireNonNull(occurredAt, "occurredAt");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(actorType, "actorType");
            Objects.requireNonNull(correlationId, "correlationId");
            personal = Map.copyOf(personal);
        }
    }

    /** A page of events, newest first; {@code nextCursor} is absent on the last page. */
    public record Page(List<Event> items, @Nullable String nextCursor) {

        public Page {
            items = List.copyOf(items);
        }
    }

    private final AuditQueries queries;
    private final DataKeys dataKeys;
    private final Tenants tenants;

    AuditEvents(AuditQueries queries, DataKeys dataKeys, Tenants tenants) {
        this.queries = queries;
        this.dataKeys = dataKeys;
        this.tenants = tenants;
    }

    /**
     * The tenant's events matching the filter, newest first.
     *
     * @param cursor the {@code nextCursor} of the previous page, or null for the first
     * @param limit  1 to {@link #MAX_LIMIT}; null for {@link #DEFAULT_LIMIT}
     * @throws ApiException {@code tenant_not_found}, or {@code invalid_request} for a bad cursor or limit
     */
    @Transactional(readOnly = true)
    public Page find(String tenantId, Filter filter, @Nullable String cursor, @Nullable Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw invalid("limit must be 1 to " + MAX_LIMIT);
        }
        Long before = cursor == null ? null : decodeCursor(cursor);
        tenants.require(tenantId);
        return filter.ip() == null ? page(tenantId, filter, before, size) : scanForIp(tenantId, filter, before, size);
    }

    private Page page(String tenantId, Filter filter, @Nullable Long before, int size) {
        List<AuditEntry> rows = queries.newestFirst(tenantId, filter, before, size + 1);
        List<AuditEntry> page = rows.size() > size ? rows.subList(0, size) : rows;
        return new Page(page.stream().map(e -> event(e, network(e))).toList(),
                rows.size() > size ? encodeCursor(page.getLast().id()) : null);
    }

    private Page scanForIp(String tenantId, Filter filter, @Nullable Long before, int size) {
        InetAddress wanted = address(Objects.requireNonNull(filter.ip())).orElseThrow();
        List<Event> matches = new ArrayList<>();
        Long position = before;
        int scanned = 0;
        while (scanned < MAX_IP_SCAN) {
            int batchSize = Math.min(SCAN_BATCH, MAX_IP_SCAN - scanned);
            List<AuditEntry> batch = queries.newestFirst(tenantId, filter, position, batchSize);
            for (AuditEntry entry : batch) {
                Opened network = network(entry);
                String ip = network.fields().get("ip");
                if (ip != null && address(ip).filter(wanted::equals).isPresent()) {
                    if (matches.size() == size) {
                        return new Page(matches, encodeCursor(matches.getLast().id()));
                    }
                    matches.add(event(entry, network));
                }
            }
            scanned += batch.size();
            if (batch.size() < batchSize) {
                return new Page(matches, null);
            }
            position = batch.getLast().id();
        }
        return new Page(matches, encodeCursor(Objects.requireNonNull(position)));
    }

    /** Decrypted fields; {@code shredded} when there was ciphertext but its key is gone. */
    private record Opened(Map<String, String> fields, boolean shredded) {
    }

    private Opened network(AuditEntry e) {
        return open(e.tenantId(), e.networkKeyId(), e.networkData());
    }

    private Event event(AuditEntry e, Opened network) {
        Opened personal = open(e.tenantId(), e.personalKeyId(), e.personalData());
        return new Event(e.id(), e.occurredAt(), e.eventType(), e.outcome(), e.reason(), e.actorType(), e.actorId(),
                e.customerId(), e.deviceId(), e.credentialId(), e.sessionId(), e.channel(), e.correlationId(),
                network.fields().get("ip"), network.fields().get("userAgent"), personal.fields(),
                network.shredded() || personal.shredded(), e.occurrences() == null ? null : e.occurrences().count(),
                e.occurrences() == null ? null : e.occurrences().lastAt());
    }

    private Opened open(String tenantId, @Nullable UUID keyId, byte @Nullable [] ciphertext) {
        if (keyId == null || ciphertext == null) {
            return new Opened(Map.of(), false);
        }
        return dataKeys.decrypt(tenantId, keyId, ciphertext)
                .map(json -> new Opened(JSON.readValue(json, FIELDS), false))
                .orElseGet(() -> new Opened(Map.of(), true));
    }

    /** The cursor is the base64url of the last event id of a page, opaque to clients. */
    private static String encodeCursor(long id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Long.toString(id).getBytes(StandardCharsets.US_ASCII));
    }

    private static long decodeCursor(String cursor) {
        long id;
        try {
            id = CURSOR.matcher(cursor).matches()
                    ? Long.parseLong(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII)) : 0;
        } catch (IllegalArgumentException e) {
            id = 0;
        }
        if (id <= 0) {
            throw invalid("cursor is not one this API returned");
        }
        return id;
    }

    private static Optional<InetAddress> address(String ip) {
        try {
            return Optional.of(InetAddress.ofLiteral(ip));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ApiException invalid(String detail) {
        return new ApiException(CommonProblem.INVALID_REQUEST, detail);
    }
}
