package io.biometriccore.audit.internal;

import io.biometriccore.shared.RequestContext;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.tenancy.Tenants;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Failed checks, counted in memory and written as one aggregated audit event per tenant, type,
 * reason and customer (when known) for each window (docs/adr/0025), so that garbage requests cannot
 * grow the log without bound: N failures in a window cost at most one row per distinct key, on each
 * node. The first few failures of a known customer in a window are still written one by one, with
 * their IP, for that customer's activity history and investigations.
 *
 * <p>Memory is bounded too: beyond {@code maxKeys} distinct keys a failure loses its customer and is
 * counted in its tenant's bucket for the type and reason, and beyond twice that it is only counted as
 * dropped, which the operations log reports. A window's counts that cannot be written are kept for
 * the next one, and the last window is written when the application stops. Failures that belong to
 * no existing tenant (the admin key, a made-up tenant id) have no audit log; they are reported,
 * aggregated the same way, to the operations log.
 */
@Component
public class FailureAggregator {

    private static final Logger log = LoggerFactory.getLogger(FailureAggregator.class);
    private static final Logger operations = LoggerFactory.getLogger("io.biometriccore.operations");

    /** What failures are counted by. */
    record Key(String tenantId, SecurityEventType type, @Nullable String reason, @Nullable UUID customerId) {

        Key withoutCustomer() {
            return new Key(tenantId, type, reason, null);
        }
    }

    private record Individual(String tenantId, UUID customerId) {
    }

    private final AuditAppender appender;
    private final Tenants tenants;
    private final TransactionTemplate separate;
    private final Clock clock;
    private final int maxKeys;
    private final int individualPerCustomer;
    private final ReadWriteLock window = new ReentrantReadWriteLock();
    private final AtomicLong dropped = new AtomicLong();
    private volatile Map<Key, FailureAggregate> counts = new ConcurrentHashMap<>();
    private volatile Map<Individual, Integer> individuals = new ConcurrentHashMap<>();

    FailureAggregator(AuditAppender appender, Tenants tenants, PlatformTransactionManager transactions, Clock clock,
            @Value("${biometric.audit.failure-max-keys:10000}") int maxKeys,
            @Value("${biometric.audit.failure-individual-per-customer:3}") int individualPerCustomer) {
        if (maxKeys < 1 || individualPerCustomer < 0) {
            throw new IllegalStateException("biometric.audit.failure-max-keys must be positive and "
                    + "biometric.audit.failure-individual-per-customer not negative");
        }
        this.appender = appender;
        this.tenants = tenants;
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.maxKeys = maxKeys;
        this.individualPerCustomer = individualPerCustomer;
    }

    /**
     * Whether a failure is written on its own: one of the first failures of its known customer in this
     * window. Every other failure is {@link #count counted}.
     */
    boolean writesIndividually(SecurityEvent failure) {
        UUID customer = failure.customerId();
        if (customer == null || individualPerCustomer == 0) {
            return false;
        }
        window.readLock().lock();
        try {
            Individual key = new Individual(failure.tenantId(), customer);
            if (individuals.size() >= maxKeys && !individuals.containsKey(key)) {
                return false;
            }
            return individuals.merge(key, 1, Integer::sum) <= individualPerCustomer;
        } finally {
            window.readLock().unlock();
        }
    }

    /** Counts a failure in the current window. */
    void count(SecurityEvent failure, RequestContext.Snapshot context) {
        Instant now = clock.instant();
        RequestContext.Snapshot first = new RequestContext.Snapshot(context.correlationId(), null, null,
                context.actorType(), context.actorId());
        window.readLock().lock();
        try {
            add(new FailureAggregate(counted(failure, failure.customerId()), first, now, now, 1));
        } finally {
            window.readLock().unlock();
        }
    }

    private void add(FailureAggregate aggregate) {
        SecurityEvent e = aggregate.event();
        Key key = new Key(e.tenantId(), e.type(), e.reason(), e.customerId());
        Map<Key, FailureAggregate> current = counts;
        if (current.size() >= maxKeys && !current.containsKey(key)) {
            key = key.withoutCustomer();
            aggregate = new FailureAggregate(counted(e, null), aggregate.context(), aggregate.firstAt(),
                    aggregate.lastAt(), aggregate.count());
        }
        if (current.size() >= 2 * maxKeys && !current.containsKey(key)) {
            dropped.addAndGet(aggregate.count());
            return;
        }
        current.merge(key, aggregate, FailureAggregate::plus);
    }

    /**
     * Ends the window: writes one event per key counted in it, each tenant's in a transaction of its
     * own. What cannot be written goes back into the next window.
     *
     * @return the number of aggregated events written
     */
    @Scheduled(initialDelayString = "${biometric.audit.failure-window:PT1M}",
            fixedDelayString = "${biometric.audit.failure-window:PT1M}")
    public synchronized int flush() {
        Map<Key, FailureAggregate> closed;
        window.writeLock().lock();
        try {
            closed = counts;
            counts = new ConcurrentHashMap<>();
            individuals = new ConcurrentHashMap<>();
        } finally {
            window.writeLock().unlock();
        }
        reportDropped();
        int written = 0;
        for (Map.Entry<String, List<FailureAggregate>> tenant : byTenant(closed).entrySet()) {
            written += write(tenant.getKey(), tenant.getValue());
        }
        return written;
    }

    @PreDestroy
    void flushOnShutdown() {
        flush();
    }

    private int write(String tenantId, List<FailureAggregate> aggregates) {
        if (tenants.find(tenantId).isEmpty()) {
            aggregates.forEach(FailureAggregator::report);
            return 0;
        }
        try {
            separate.executeWithoutResult(status -> appender.appendAggregates(aggregates));
            return aggregates.size();
        } catch (RuntimeException e) {
            log.error("{} aggregated failure events of tenant {} could not be written; they are kept for the "
                    + "next window", aggregates.size(), tenantId, e);
            window.readLock().lock();
            try {
                aggregates.forEach(this::add);
            } finally {
                window.readLock().unlock();
            }
            return 0;
        }
    }

    private static Map<String, List<FailureAggregate>> byTenant(Map<Key, FailureAggregate> closed) {
        Map<String, List<FailureAggregate>> byTenant = new LinkedHashMap<>();
        closed.forEach((key, aggregate) -> byTenant.computeIfAbsent(key.tenantId(), t -> new ArrayList<>())
                .add(aggregate));
        return byTenant;
    }

    private void reportDropped() {
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            operations.warn("{} failed checks beyond the aggregator's {} keys were counted nowhere else", lost,
                    2 * maxKeys);
        }
    }

    private static void report(FailureAggregate a) {
        operations.warn("{} x {} (reason {}) from {} to {}, first correlation id {}, of no tenant's audit log",
                a.count(), a.event().type().wireName(), a.event().reason(), a.firstAt(), a.lastAt(),
                a.context().correlationId());
    }

    /** Only what failures are counted by: the first one's device, credential or session is not the others'. */
    private static SecurityEvent counted(SecurityEvent e, @Nullable UUID customerId) {
        return new SecurityEvent(e.tenantId(), e.type(), false, e.reason(), customerId, null, null, null, null,
                Map.of());
    }
}
