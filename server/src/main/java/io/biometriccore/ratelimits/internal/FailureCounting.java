package io.biometriccore.ratelimits.internal;

import io.biometriccore.shared.RequestContext;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.tenancy.RateLimits;
import io.biometriccore.tenancy.Tenants;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Counts every failed {@link SecurityEvent} of a request against its client address, whichever module
 * published it: a failed ceremony, a refused token or secret. Successes are not counted. It runs as
 * the event is published, in the request's thread, so the address is the request's. A refusal of
 * the limits themselves is not a failure of the caller's: counting it would keep a refused address
 * refused for as long as it keeps asking.
 */
@Component
class FailureCounting {

    private final Tenants tenants;
    private final RateLimiter limiter;

    FailureCounting(Tenants tenants, RateLimiter limiter) {
        this.tenants = tenants;
        this.limiter = limiter;
    }

    @EventListener
    void on(SecurityEvent event) {
        if (event.success() || event.type() == SecurityEventType.RATE_LIMIT_EXCEEDED) {
            return;
        }
        ClientAddress.of(RequestContext.current().clientIp()).ifPresent(address ->
                tenants.find(event.tenantId()).ifPresent(tenant -> {
                    RateLimits limits = tenant.rateLimits();
                    if (!limits.exempts(address.address())) {
                        limiter.spend(LimitKind.ADDRESS_FAILURES, tenant.id(), limits.addressFailures(), address.key());
                    }
                }));
    }
}
