package io.biometriccore.audit.internal;

import io.biometriccore.audit.AuditImport;
import io.biometriccore.audittools.AuditEntry;
import io.biometriccore.shared.RequestContext;
import io.biometriccore.shared.SecurityEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns security events into {@code audit_event} rows and appends them, each queued for the sealer:
 * the skeleton in clear, the network fields (IP, user agent) and the personal fields encrypted under
 * the data key of their scope and purpose. Runs in the caller's transaction.
 */
@Component
public class AuditAppender {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuditRepository repository;
    private final DataKeys dataKeys;
    private final Clock clock;

    AuditAppender(AuditRepository repository, DataKeys dataKeys, Clock clock) {
        this.repository = repository;
        this.dataKeys = dataKeys;
        this.clock = clock;
    }

    /** Appends the events, in order, each as written in its request's context. */
    public void append(List<AuditImport.Imported> events) {
        Map<String, Optional<DataKeys.DataKey>> keys = new HashMap<>();
        List<AuditEntry> rows = new ArrayList<>(events.size());
        for (AuditImport.Imported imported : events) {
            rows.add(row(imported.event(), imported.context(), clock.instant(), null, keys));
        }
        repository.insert(rows);
    }

    /** Appends aggregates of failed checks, each dated by the first failure it counts (docs/adr/0025). */
    void appendAggregates(List<FailureAggregate> aggregates) {
        Map<String, Optional<DataKeys.DataKey>> keys = new HashMap<>();
        repository.insert(aggregates.stream().map(a -> row(a.event(), a.context(), a.firstAt(),
                new AuditEntry.Occurrences(a.count(), a.lastAt()), keys)).toList());
    }

    /** @param keys the data keys this append has used so far, by tenant, scope and purpose */
    private AuditEntry row(SecurityEvent event, RequestContext.Snapshot context, Instant occurredAt,
            AuditEntry.@Nullable Occurrences occurrences, Map<String, Optional<DataKeys.DataKey>> keys) {
        String scope = DataKeys.scope(event.customerId());
        // The IP and user agent are the caller's: the customer's own when they or their device call,
        // the bank's or an operator's when an API key or the admin key does.
        boolean customersOwnRequest = context.actorType() == RequestContext.ActorType.CUSTOMER
                || context.actorType() == RequestContext.ActorType.ANONYMOUS;
        String networkScope = customersOwnRequest ? scope : DataKeys.SYSTEM_SCOPE;
        Map<String, String> network = new LinkedHashMap<>();
        if (context.clientIp() != null) {
            network.put("ip", context.clientIp());
        }
        if (context.userAgent() != null) {
            network.put("userAgent", context.userAgent());
        }
        Sealed networkFields = seal(event.tenantId(), networkScope, "network", network, keys);
        String eventClass = event.type().eventClass();
        Sealed personalFields = seal(event.tenantId(), scope, "personal:" + eventClass, event.personal(), keys);
        return new AuditEntry(0, event.tenantId(), occurredAt, event.type().wireName(), eventClass,
                event.success() ? "success" : "failure", event.reason(),
                context.actorType().name().toLowerCase(Locale.ROOT), context.actorId(), event.customerId(),
                event.deviceId(), event.credentialId(), event.sessionId(), event.channel(), context.correlationId(),
                networkFields.keyId(), networkFields.data(), personalFields.keyId(), personalFields.data(),
                occurrences);
    }

    private record Sealed(@Nullable UUID keyId, byte @Nullable [] data) {
    }

    private Sealed seal(String tenantId, String scope, String purpose, Map<String, String> fields,
            Map<String, Optional<DataKeys.DataKey>> keys) {
        if (fields.isEmpty()) {
            return new Sealed(null, null);
        }
        Optional<DataKeys.DataKey> key = keys.computeIfAbsent(tenantId + "|" + scope + "|" + purpose,
                k -> dataKeys.current(tenantId, scope, purpose));
        return key.map(k -> new Sealed(k.id(), dataKeys.encrypt(k, JSON.writeValueAsString(fields))))
                .orElseGet(() -> new Sealed(null, null));
    }
}
