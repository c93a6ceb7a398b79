package io.biometriccore.tenancy;

import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.tenancy.internal.TenantRepository;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The tenancy module's facade: look up, create and change tenants. */
@Service
public class Tenants {

    private final TenantRepository repository;
    private final ApplicationEventPublisher events;

    Tenants(TenantRepository repository, ApplicationEventPublisher events) {
        this.repository = repository;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public Optional<Tenant> find(String tenantId) {
        return repository.find(tenantId);
    }

    /** @throws ApiException {@code tenant_not_found} */
    @Transactional(readOnly = true)
    public Tenant require(String tenantId) {
        return find(tenantId).orElseThrow(() -> new ApiException(TenancyProblem.TENANT_NOT_FOUND,
                "No tenant with this id"));
    }

    @Transactional(readOnly = true)
    public List<Tenant> list() {
        return repository.list();
    }

    /** Creates the tenant or replaces its settings; answers whether it was created. */
    @Transactional
    public boolean save(Tenant tenant) {
        boolean created = repository.upsert(tenant);
        events.publishEvent(SecurityEvent.success(tenant.id(), created ? "tenant.created" : "tenant.changed").build());
        return created;
    }
}
