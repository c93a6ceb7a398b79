package io.biometriccore.identity;

import io.biometriccore.identity.internal.CustomerRepository;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The identity module's facade. Every lookup is scoped by tenant. */
@Service
public class Customers {

    private final CustomerRepository repository;
    private final Clock clock;

    Customers(CustomerRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<Customer> findByUsername(String tenantId, String username) {
        return repository.findByUsername(tenantId, CustomerNames.requireValid(username, "username"));
    }

    @Transactional(readOnly = true)
    public Optional<Customer> findByUserHandle(String tenantId, UserHandle userHandle) {
        return repository.findByUserHandle(tenantId, userHandle);
    }

    @Transactional(readOnly = true)
    public Optional<Customer> findById(String tenantId, UUID id) {
        return repository.findById(tenantId, id);
    }

    /**
     * Creates a customer with a user handle chosen earlier (it went out in the creation options).
     *
     * @return empty when the tenant already has a customer with this username
     */
    @Transactional
    public Optional<Customer> create(String tenantId, UserHandle userHandle, String username, String displayName) {
        Customer customer = new Customer(UUID.randomUUID(), tenantId, userHandle, username, displayName, null,
                clock.instant());
        return repository.insert(customer) ? Optional.of(customer) : Optional.empty();
    }
}
