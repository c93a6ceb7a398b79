package io.biometriccore.ceremonies;

import io.biometriccore.ceremonies.internal.GrantRepository;
import io.biometriccore.identity.Customer;
import io.biometriccore.identity.Customers;
import io.biometriccore.identity.IdentityProblem;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.Secrets;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.tenancy.Tenants;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Enrollment grants: short-lived, single-use permission for one customer to register a passkey. The
 * bank's backend issues them (or a signed-in customer, after step-up, to add a device); the app
 * presents one as a bearer token to the registration ceremony.
 */
@Service
public class EnrollmentGrants {

    static final String PREFIX = "eg_";

    private final GrantRepository repository;
    private final Customers customers;
    private final Tenants tenants;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    EnrollmentGrants(GrantRepository repository, Customers customers, Tenants tenants, Clock clock,
            ApplicationEventPublisher events) {
        this.repository = repository;
        this.customers = customers;
        this.tenants = tenants;
        this.clock = clock;
        this.events = events;
    }

    /** @throws ApiException {@code customer_not_found} */
    @Transactional
    public EnrollmentGrant issue(String tenantId, UUID customerId, String issuedBy) {
        Customer customer = customers.lock(tenantId, customerId)
                .orElseThrow(() -> new ApiException(IdentityProblem.CUSTOMER_NOT_FOUND));
        Instant now = clock.instant();
        Instant expiresAt = now.plus(tenants.require(tenantId).sessions().enrollmentGrantLifetime());
        String secret = Secrets.generate(PREFIX);
        UUID id = UUID.randomUUID();
        repository.insert(id, tenantId, customer.id(), Secrets.sha256(secret), issuedBy, now, expiresAt);
        events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.ENROLLMENT_GRANT_ISSUED)
                .customer(customer.id()).reason(issuedBy.substring(0, issuedBy.indexOf(':'))).build());
        return new EnrollmentGrant(id, customer.id(), secret, issuedBy, expiresAt);
    }

    /**
     * The unused, unexpired grant a secret stands for: its id and customer. A secret that stands for
     * none is audited as {@code enrollment_grant.rejected} (aggregated, docs/adr/0025).
     */
    @Transactional(readOnly = true)
    GrantRepository.Redeemable redeemable(String tenantId, String secret) {
        return repository.findRedeemable(tenantId, Secrets.sha256(secret), clock.instant()).orElseThrow(() -> {
            events.publishEvent(SecurityEvent.failure(tenantId, SecurityEventType.ENROLLMENT_GRANT_REJECTED,
                    CeremonyProblem.ENROLLMENT_GRANT_INVALID.code()).build());
            return new ApiException(CeremonyProblem.ENROLLMENT_GRANT_INVALID);
        });
    }

    /** Spends the grant, in the caller's transaction; fails if it was spent or expired meanwhile. */
    void consume(String tenantId, UUID grantId, UUID customerId) {
        if (!repository.consume(tenantId, grantId, clock.instant())) {
            throw new ApiException(CeremonyProblem.ENROLLMENT_GRANT_INVALID);
        }
        events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.ENROLLMENT_GRANT_USED)
                .customer(customerId).build());
    }
}
