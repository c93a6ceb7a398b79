package io.biometriccore.tenancy;

import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.CrossNodeEvents;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.tenancy.internal.PolicyDocuments;
import io.biometriccore.tenancy.internal.TenantRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tenancy module's facade: look up, create and change tenants. Every request looks its tenant up,
 * so tenants are cached, parsed policy and all; a change is announced to every node
 * ({@link CrossNodeEvents}, topic {@value #CHANGED}) when it commits, and each node drops its copy.
 * Unknown tenant ids are never cached, so random ids cannot fill the cache.
 */
@Service
public class Tenants {

    static final String CHANGED = "tenant.changed";

    private final TenantRepository repository;
    private final TenantPolicies policies;
    private final ApplicationEventPublisher events;
    private final CrossNodeEvents crossNode;
    private final Map<String, Tenant> cache = new ConcurrentHashMap<>();
    /** Counts invalidations, so that a load that raced one never caches what it read before it. */
    private final AtomicLong invalidations = new AtomicLong();

    Tenants(TenantRepository repository, TenantPolicies policies, ApplicationEventPublisher events,
            CrossNodeEvents crossNode) {
        this.repository = repository;
        this.policies = policies;
        this.events = events;
        this.crossNode = crossNode;
        crossNode.subscribe(CHANGED, new CrossNodeEvents.Subscriber() {
            @Override
            public void received(String tenantId) {
                invalidate(tenantId);
            }

            @Override
            public void reset() {
                invalidations.incrementAndGet();
                cache.clear();
            }
        });
    }

    public Optional<Tenant> find(String tenantId) {
        Tenant cached = cache.get(tenantId);
        if (cached != null) {
            return Optional.of(cached);
        }
        long before = invalidations.get();
        Optional<Tenant> loaded = load(tenantId);
        loaded.ifPresent(tenant -> {
            cache.put(tenantId, tenant);
            if (invalidations.get() != before) {
                cache.remove(tenantId, tenant);
            }
        });
        return loaded;
    }

    /** @throws ApiException {@code tenant_not_found} */
    public Tenant require(String tenantId) {
        return find(tenantId).orElseThrow(() -> new ApiException(TenancyProblem.TENANT_NOT_FOUND,
                "No tenant with this id"));
    }

    @Transactional(readOnly = true)
    public List<Tenant> list() {
        return repository.list();
    }

    /**
     * Creates the tenant or replaces its settings; answers whether it was created. Its policy has one
     * writer, {@link TenantPolicies}: the tenant's {@code policy}, {@code signing} and the step-up members
     * of its {@code sessions} replace theirs in the current policy document, as a new version when that
     * changes it. The document's other members (AAGUID lists, per-action rules, risk) stay.
     *
     * @throws ApiException {@code tenant_invalid} when the current policy document would no longer fit
     *                      the tenant
     */
    @Transactional
    public boolean save(Tenant tenant) {
        boolean created = repository.upsert(tenant);
        try {
            policies.saved(tenant, PolicyDocuments.SHORTCUT_MEMBERS);
        } catch (ApiException e) {
            throw e.problem() == TenancyProblem.POLICY_INVALID
                    ? new ApiException(TenancyProblem.TENANT_INVALID, String.valueOf(e.getMessage())) : e;
        }
        events.publishEvent(SecurityEvent.success(tenant.id(),
                created ? SecurityEventType.TENANT_CREATED : SecurityEventType.TENANT_CHANGED).build());
        crossNode.publish(CHANGED, tenant.id());
        return created;
    }

    /** A tenant stored before V16 gets its version 1 on its first read. */
    private Optional<Tenant> load(String tenantId) {
        Optional<TenantRepository.Loaded> loaded = repository.find(tenantId);
        if (loaded.isPresent() && !loaded.get().versioned()) {
            policies.migrate(tenantId);
            loaded = repository.find(tenantId);
        }
        return loaded.map(TenantRepository.Loaded::tenant);
    }

    private void invalidate(String tenantId) {
        invalidations.incrementAndGet();
        cache.remove(tenantId);
    }
}
