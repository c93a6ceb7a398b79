package io.biometriccore.audit.internal;

import io.biometriccore.audittools.AuditEntry;
import io.biometriccore.shared.RequestContext;
import io.biometriccore.shared.SecurityEvent;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes each {@link SecurityEvent} as one {@code audit_event} row. A success must arrive inside the
 * transaction of its action and is written in it, so that an action never commits without its event
 * (and a failing write rolls the action back). A failure is written in a transaction of its own, so
 * it survives the rollback of whatever failed: at once when no transaction is open, else right after
 * the failing one has ended.
 */
@Component
public class AuditWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);

    private final AuditRepository repository;
    private final DataKeys dataKeys;
    private final Clock clock;
    private final TransactionTemplate separate;

    AuditWriter(AuditRepository repository, DataKeys dataKeys, Clock clock, PlatformTransactionManager transactions) {
        this.repository = repository;
        this.dataKeys = dataKeys;
        this.clock = clock;
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @EventListener
    void on(SecurityEvent event) {
        RequestContext.Snapshot context = RequestContext.current();
        if (event.success()) {
            if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                throw new IllegalStateException("A successful " + event.type()
                        + " must be published inside the transaction of its action");
            }
            write(event, context);
        } else if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // Not in a nested transaction: that would take a second connection while this one is held,
            // and enough concurrent failures would exhaust the pool. The event is written on its own as
            // soon as the failing transaction has ended.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    Thread.ofVirtual().name("audit-failure").start(() -> writeSeparately(event, context));
                }
            });
        } else {
            writeSeparately(event, context);
        }
    }

    private void writeSeparately(SecurityEvent event, RequestContext.Snapshot context) {
        try {
            separate.executeWithoutResult(status -> write(event, context));
        } catch (RuntimeException e) {
            // The request already fails with its own problem; this must not turn it into a 500.
            log.error("The audit event {} of a failed {} could not be written", event.type(), event.eventClass(), e);
        }
    }

    /** Writes one event in the caller's transaction, with {@code context} as its request context. */
    public void write(SecurityEvent event, RequestContext.Snapshot context) {
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
        Sealed networkFields = seal(event.tenantId(), networkScope, "network", network);
        Sealed personalFields = seal(event.tenantId(), scope, "personal:" + event.eventClass(), event.personal());
        repository.insert(new AuditEntry(0, event.tenantId(), clock.instant(), event.type(), event.eventClass(),
                event.success() ? "success" : "failure", event.reason(), context.actorType().name().toLowerCase(java.util.Locale.ROOT),
                context.actorId(), event.customerId(), event.deviceId(), event.credentialId(), event.sessionId(),
                event.channel(), context.correlationId(), networkFields.keyId(), networkFields.data(),
                personalFields.keyId(), personalFields.data()));
    }

    private record Sealed(@Nullable UUID keyId, byte @Nullable [] data) {
    }

    private Sealed seal(String tenantId, String scope, String purpose, Map<String, String> fields) {
        if (fields.isEmpty()) {
            return new Sealed(null, null);
        }
        Optional<DataKeys.DataKey> key = dataKeys.current(tenantId, scope, purpose);
        return key.map(k -> new Sealed(k.id(), dataKeys.encrypt(k, JSON.writeValueAsString(fields))))
                .orElseGet(() -> new Sealed(null, null));
    }
}
