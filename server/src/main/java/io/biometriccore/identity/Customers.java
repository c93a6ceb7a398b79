package io.biometriccore.identity;

import io.biometriccore.identity.internal.CustomerRepository;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The identity module's facade. Every lookup is scoped by tenant. */
@Service
public class Customers {

    private final CustomerRepository repository;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Customers(CustomerRepository repository, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.events = events;
        this.clock = clock;
    }

    /** @throws ApiException {@code customer_not_found} */
    @Transactional(readOnly = true)
    public Customer require(String tenantId, UUID id) {
        return repository.findById(tenantId, id).orElseThrow(() -> new ApiException(IdentityProblem.CUSTOMER_NOT_FOUND));
    }

    /**
     * The customer, locked to the end of the caller's transaction. Whatever adds to a customer (a grant,
     * a passkey) takes this lock first, and so does deletion: the two are ordered, and the later one
     * sees the other's outcome instead of failing on a foreign key.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Customer> lock(String tenantId, UUID id) {
        return repository.lock(tenantId, id);
    }

    @Transactional(readOnly = true)
    public Optional<Customer> findByExternalId(String tenantId, String externalId) {
        return repository.findByExternalId(tenantId, externalId);
    }

    /**
     * The bank's backend creates a customer before enrolling them, under its own id.
     *
     * @throws ApiException {@code customer_exists} when the username or external id is taken
     * @throws IllegalArgumentException when a name is not valid
     */
    @Transactional
    public Customer createForBank(String tenantId, String externalId, String username, String displayName) {
        Customer customer = new Customer(UUID.randomUUID(), tenantId, UserHandle.generate(), username, displayName,
                externalId, clock.instant());
        if (!repository.insert(customer)) {
            throw new ApiException(IdentityProblem.CUSTOMER_EXISTS);
        }
        events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.CUSTOMER_CREATED).customer(customer.id())
                .personal("username", username).personal("displayName", displayName).build());
        return customer;
    }

    /**
     * Deletes a customer. {@link CustomerDeleted} goes out first, in this transaction, so that the
     * other modules remove what refers to the customer; if any of them fails, nothing is deleted.
     *
     * @throws ApiException {@code customer_not_found}
     */
    @Transactional
    public void delete(String tenantId, UUID id) {
        Customer customer = lock(tenantId, id).orElseThrow(() -> new ApiException(IdentityProblem.CUSTOMER_NOT_FOUND));
        events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.CUSTOMER_DELETED).customer(customer.id())
                .build());
        events.publishEvent(new CustomerDeleted(tenantId, customer.id()));
        repository.delete(tenantId, customer.id());
    }

    @Transactional(readOnly = true)
    public Optional<Customer> findByUsername(String tenantId, String username) {
        return repository.findByUsername(tenantId, CustomerNames.requireValid(username, "username"));
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
