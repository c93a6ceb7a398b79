package io.biometriccore.audit.internal;

import io.biometriccore.audit.AuditImport;
import io.biometriccore.shared.RequestContext;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SeparateTransactions;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes each successful {@link SecurityEvent} as one {@code audit_event} row (through {@link
 * AuditAppender}, which queues it for the sealer in the same transaction); one of
 * {@link SecurityEvent#NO_TENANT} goes to the operations log instead. A success must arrive
 * inside the transaction of its action and is written in it, so that an action never commits without
 * its event (and a failing write rolls the action back). A failure is counted by the {@link
 * FailureAggregator}, which writes one event per kind of failure and window (docs/adr/0025); only the
 * first few failures of a known customer in a window are written one by one, in a transaction of
 * their own, so they survive the rollback of whatever failed: at once when no transaction is open,
 * else right after the failing one has ended.
 */
@Component
class AuditWriter {

    private static final Logger operations = LoggerFactory.getLogger("io.biometriccore.operations");

    private final AuditAppender appender;
    private final FailureAggregator aggregator;
    private final SeparateTransactions separately;

    AuditWriter(AuditAppender appender, FailureAggregator aggregator, SeparateTransactions separately) {
        this.appender = appender;
        this.aggregator = aggregator;
        this.separately = separately;
    }

    @EventListener
    void on(SecurityEvent event) {
        RequestContext.Snapshot context = RequestContext.current();
        if (event.success()) {
            if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                throw new IllegalStateException("A successful " + event.type().wireName()
                        + " must be published inside the transaction of its action");
            }
            if (SecurityEvent.NO_TENANT.equals(event.tenantId())) {
                // Deployment-wide (the FIDO MDS3 BLOB): no tenant's log, no tenant's keys; like the failures of
                // no tenant, it goes to the operations log.
                operations.info("{} (reason {}), correlation id {}, of no tenant's audit log",
                        event.type().wireName(), event.reason(), context.correlationId());
                return;
            }
            write(event, context);
        } else if (!aggregator.writesIndividually(event)) {
            aggregator.count(event, context);
        } else {
            // On its own, never nested in the failing transaction (SeparateTransactions).
            separately.run("The audit event " + event.type().wireName() + " of a failed "
                    + event.type().eventClass(), () -> write(event, context));
        }
    }

    private void write(SecurityEvent event, RequestContext.Snapshot context) {
        appender.append(List.of(new AuditImport.Imported(event, context)));
    }
}
