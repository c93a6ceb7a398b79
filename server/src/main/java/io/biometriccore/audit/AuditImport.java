package io.biometriccore.audit;

import io.biometriccore.audit.internal.AuditAppender;
import io.biometriccore.audit.internal.AuditSealer;
import io.biometriccore.shared.RequestContext;
import io.biometriccore.shared.SecurityEvent;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Bulk appends for the benchmark seeding command: the same rows, encryption and outbox as the per-event writer, many rows per statement. */
@Service
public class AuditImport {

    private final AuditAppender appender;
    private final AuditSealer sealer;

    AuditImport(AuditAppender appender, AuditSealer sealer) {
        this.appender = appender;
        this.sealer = sealer;
    }

    /** One event with the request it happened in. */
    public record Imported(SecurityEvent event, RequestContext.Snapshot context) {

        public Imported {
            java.util.Objects.requireNonNull(event, "event");
            java.util.Objects.requireNonNull(context, "context");
        }
    }

    /** Appends the events, in order, as the audit writer would have written each with the given request context (same data keys, same AES-GCM encryption of network and personal fields, same outbox rows), using batched inserts; runs in the caller's transaction or its own. */
    @Transactional
    public void append(List<SecurityEvent> events, RequestContext.Snapshot context) {
        appender.append(events.stream().map(event -> new Imported(event, context)).toList());
    }

    /** Appends events of many requests (each with its own context) in one batch, in order. */
    @Transactional
    public void append(List<Imported> events) {
        appender.append(events);
    }

    /** Seals all of the tenant's pending events now, batch after batch through the sealer's own code; returns how many it sealed. */
    public long sealPending(String tenantId) {
        return sealer.sealPending(tenantId);
    }
}
