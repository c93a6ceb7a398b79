package io.biometriccore.ratelimits.internal;

import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.Problems;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.shared.TenantRoute;
import io.biometriccore.tenancy.RateLimits;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.Tenants;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Applies the limits to a request for an anonymous route, before its body is read: the address's
 * failures (checked, not taken), its requests, then the tenant's requests. Exempt networks skip the
 * per-address limits. A tenant that does not exist is the route's 404 to give. It writes the refusal
 * itself, so that it is problem details with {@code Retry-After} on every route, the conformance
 * routes' own error shape notwithstanding.
 */
@Component
class AnonymousRequestLimits implements HandlerInterceptor {

    private static final String EVERYONE = "*";

    private final Tenants tenants;
    private final RateLimiter limiter;
    private final ApplicationEventPublisher events;

    AnonymousRequestLimits(Tenants tenants, RateLimiter limiter, ApplicationEventPublisher events) {
        this.tenants = tenants;
        this.limiter = limiter;
        this.events = events;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (pattern == null || !AnonymousRoutes.contains(request.getMethod(), pattern.toString())) {
            return true;
        }
        try {
            tenants.find(TenantRoute.tenantId(request, handler)).ifPresent(tenant -> limit(tenant, request));
            return true;
        } catch (ApiException refused) {
            refused.headers().forEach(response::setHeader);
            Problems.write(response, refused.problem(), refused.getMessage());
            return false;
        }
    }

    private void limit(Tenant tenant, HttpServletRequest request) {
        RateLimits limits = tenant.rateLimits();
        Optional<ClientAddress> address = ClientAddress.of(request.getRemoteAddr())
                .filter(a -> !limits.exempts(a.address()));
        address.ifPresent(a -> {
            within(tenant, LimitKind.ADDRESS_FAILURES,
                    () -> limiter.requireAvailable(LimitKind.ADDRESS_FAILURES, tenant.id(), limits.addressFailures(), a.key()));
            within(tenant, LimitKind.ADDRESS_REQUESTS,
                    () -> limiter.consume(LimitKind.ADDRESS_REQUESTS, tenant.id(), limits.addressRequests(), a.key()));
        });
        within(tenant, LimitKind.TENANT_REQUESTS,
                () -> limiter.consume(LimitKind.TENANT_REQUESTS, tenant.id(), limits.tenantRequests(), EVERYONE));
    }

    /**
     * A refusal is an attempt held back by an anti-automation control (OWASP ASVS 5.0, 16.3.3): it is
     * audited as a failed {@code rate_limit.exceeded}, with the limit as its reason, which the audit
     * log aggregates per window like every failure, so that a flood writes a row per limit, not per
     * request.
     */
    private void within(Tenant tenant, LimitKind kind, Runnable check) {
        try {
            check.run();
        } catch (ApiException refused) {
            events.publishEvent(SecurityEvent.failure(tenant.id(), SecurityEventType.RATE_LIMIT_EXCEEDED, kind.tag())
                    .build());
            throw refused;
        }
    }
}
