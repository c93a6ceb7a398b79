package io.biometriccore.audit;

import io.biometriccore.audit.internal.AuditSealer;
import io.biometriccore.audit.internal.AuditWriter;
import io.biometriccore.shared.RequestContext;
import io.biometriccore.shared.SecurityEvent;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bulk import of audit events that happened elsewhere (a benchmark's seeded history): written as
 * the live writer writes them, then sealed by the sealer's own code.
 */
@Service
public class AuditImport {

    private final AuditWriter writer;
    private final AuditSealer sealer;

    AuditImport(AuditWriter writer, AuditSealer sealer) {
        this.writer = writer;
        this.sealer = sealer;
    }

    /** Writes {@code events}, all with the request context {@code context}, in one transaction. */
    @Transactional
    public void append(List<SecurityEvent> events, RequestContext.Snapshot context) {
        events.forEach(event -> writer.write(event, context));
    }

    /** Seals every pending event of the tenant, batch after batch; answers how many. */
    public long sealPending(String tenantId) {
        long sealed = 0;
        for (int batch = sealer.seal(tenantId, Instant.EPOCH); batch > 0; batch = sealer.seal(tenantId, Instant.EPOCH)) {
            sealed += batch;
        }
        return sealed;
    }
}
