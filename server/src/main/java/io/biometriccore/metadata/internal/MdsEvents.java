package io.biometriccore.metadata.internal;

import io.biometriccore.metadata.MetadataBlobLoaded;
import io.biometriccore.metadata.MetadataProblem;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit and the failure counter of the BLOB's refresh. Both events are deployment-wide, of
 * {@link SecurityEvent#NO_TENANT}: a BLOB taken into force ({@code mds.blob_loaded}, in the
 * transaction that stores it, its trigger as the reason) and one turned away or not read
 * ({@code mds.blob_rejected}, its problem code as the reason). A BLOB taken into force is also
 * published as {@link MetadataBlobLoaded}, for the retroactive flagging of credentials.
 */
@Component
class MdsEvents {

    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final MeterRegistry registry;

    MdsEvents(ApplicationEventPublisher events, TransactionTemplate transactions, MeterRegistry registry) {
        this.events = events;
        this.transactions = transactions;
        this.registry = registry;
    }

    /**
     * Runs {@code store}, audits the BLOB and publishes {@link MetadataBlobLoaded} with the status changes
     * since {@code previous}, in one transaction.
     */
    void loaded(LoadedBlob blob, @Nullable LoadedBlob previous, String trigger, Runnable store) {
        transactions.executeWithoutResult(status -> {
            store.run();
            events.publishEvent(SecurityEvent.success(SecurityEvent.NO_TENANT, SecurityEventType.MDS_BLOB_LOADED)
                    .reason(trigger + ":no=" + blob.no()).build());
            events.publishEvent(new MetadataBlobLoaded(blob.no(), blob.changesSince(previous)));
        });
    }

    void rejected(MetadataProblem problem, String trigger) {
        String code = problem.definition().code();
        Counter.builder("biometric.mds.load.failures").description("MDS3 BLOB loads that took nothing into force")
                .tag("reason", code).tag("trigger", trigger).register(registry).increment();
        events.publishEvent(SecurityEvent.failure(SecurityEvent.NO_TENANT, SecurityEventType.MDS_BLOB_REJECTED, code)
                .build());
    }
}
