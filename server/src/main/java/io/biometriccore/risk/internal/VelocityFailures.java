package io.biometriccore.risk.internal;

import io.biometriccore.ratelimits.Velocity;
import io.biometriccore.risk.RiskProblem;
import io.biometriccore.shared.RequestContext;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.tenancy.RiskPolicy;
import io.biometriccore.tenancy.RiskPolicy.Subject;
import io.biometriccore.tenancy.Tenants;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Counts each failed ceremony for the velocity signal, as its security event is published (in the
 * request's thread, so the client address is the request's): for the customer and the credential the
 * event names, the address and the tenant, in the tenant's velocity window, for the subjects its
 * policy sets a failure threshold for. The engine's own refusals are not counted: counting them would
 * keep a refused customer refused for as long as they keep trying. A store that fails loses the count,
 * logged and counted ({@code biometric.risk.velocity.unavailable}): the brake weakens, sign-in goes on.
 */
@Component
class VelocityFailures {

    private static final Logger log = LoggerFactory.getLogger(VelocityFailures.class);
    /**
     * The failures, by type alone: a wrong cross-channel code (and the last one, which burns the request)
     * is audited as an action that happened, not with a failure's outcome, yet it is a failed attempt.
     */
    private static final Set<SecurityEventType> CEREMONY_FAILURES = EnumSet.of(SecurityEventType.REGISTRATION_FAILED,
            SecurityEventType.AUTHENTICATION_FAILED, SecurityEventType.TRANSACTION_APPROVAL_FAILED,
            SecurityEventType.CROSS_CHANNEL_CODE_MISMATCH, SecurityEventType.CROSS_CHANNEL_BURNED);
    private static final Set<String> RISK_REFUSALS = Set.of(RiskProblem.RISK_DENIED.code(),
            RiskProblem.RISK_STEP_UP_REQUIRED.code());

    private final Tenants tenants;
    private final Velocity velocity;
    private final Counter unavailable;

    VelocityFailures(Tenants tenants, Velocity velocity, MeterRegistry metrics) {
        this.tenants = tenants;
        this.velocity = velocity;
        this.unavailable = Counter.builder("biometric.risk.velocity.unavailable")
                .description("Failures the velocity signal did not count because the store failed").register(metrics);
    }

    @EventListener
    void on(SecurityEvent event) {
        if (!CEREMONY_FAILURES.contains(event.type())
                || (event.reason() != null && RISK_REFUSALS.contains(event.reason()))) {
            return;
        }
        tenants.find(event.tenantId()).ifPresent(tenant -> count(event, tenant.rules().risk().velocity()));
    }

    private void count(SecurityEvent event, RiskPolicy.Velocity limits) {
        for (Subject subject : limits.failures().keySet()) {
            subjectOf(event, subject).ifPresent(id -> {
                try {
                    velocity.add(VelocitySignal.counter(subject, "failures"), event.tenantId(), id, limits.window());
                } catch (RuntimeException e) {
                    unavailable.increment();
                    log.warn("A failure was not counted for the velocity signal: the store failed ({})", e.toString());
                }
            });
        }
    }


    /** What the event counts by; the same as {@link VelocitySignal#subjectOf} counts an attempt by. */
    private Optional<String> subjectOf(SecurityEvent event, Subject subject) {
        return switch (subject) {
            case CUSTOMER -> Optional.ofNullable(event.customerId()).map(Object::toString);
            case CREDENTIAL -> Optional.ofNullable(event.credentialId());
            case IP -> velocity.addressSubject(event.tenantId(), RequestContext.current().clientIp());
            case TENANT -> Optional.of(event.tenantId());
        };
    }
}
