package io.biometriccore.risk.internal;

import io.biometriccore.ratelimits.Velocity;
import io.biometriccore.risk.RiskAttempt;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.risk.RiskSignal;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.tenancy.RiskOutcome;
import io.biometriccore.tenancy.RiskPolicy;
import io.biometriccore.tenancy.RiskPolicy.Subject;
import io.biometriccore.tenancy.RiskPolicy.Threshold;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Bursts: failed ceremonies (counted as their security events are published) and attempts (counted here, as they are judged)
 * per customer, credential, client address and tenant, in the policy's sliding window. At
 * {@code stepUpAfter} counted before this attempt it asks for a step-up, at {@code denyAfter} it
 * refuses; a subject the policy sets no threshold for is not counted.
 */
@Component
class VelocitySignal implements RiskSignal {

    static final int STEP_UP_POINTS = 40;
    static final int DENY_POINTS = 80;

    private final Velocity velocity;

    VelocitySignal(Velocity velocity) {
        this.velocity = velocity;
    }

    @Override
    public String name() {
        return "velocity";
    }

    @Override
    public List<RiskContribution> evaluate(RiskAttempt attempt, RiskPolicy policy) {
        RiskPolicy.Velocity limits = policy.velocity();
        List<RiskContribution> found = new ArrayList<>();
        for (Subject subject : Subject.values()) {
            subjectOf(velocity, attempt, subject).ifPresent(id -> {
                Threshold failures = limits.failures().get(subject);
                if (failures != null) {
                    long counted = velocity.count(counter(subject, "failures"), attempt.tenantId(), id, limits.window());
                    judge(attempt, subject, "failures", failures, counted, limits.window()).ifPresent(found::add);
                }
                Threshold attempts = limits.attempts().get(subject);
                if (attempts != null) {
                    long before = velocity.add(counter(subject, "attempts"), attempt.tenantId(), id, limits.window()) - 1;
                    judge(attempt, subject, "attempts", attempts, before, limits.window()).ifPresent(found::add);
                }
            });
        }
        return found;
    }

    /** What a subject is counted by; the failures' listener counts by the same. */
    static Optional<String> subjectOf(Velocity velocity, RiskAttempt attempt, Subject subject) {
        return switch (subject) {
            case CUSTOMER -> Optional.ofNullable(attempt.customerId()).map(Object::toString);
            case CREDENTIAL -> Optional.ofNullable(attempt.credential()).map(c -> Base64Url.encode(c.credentialId()));
            case IP -> velocity.addressSubject(attempt.tenantId(), attempt.clientIp());
            case TENANT -> Optional.of(attempt.tenantId());
        };
    }

    static String counter(Subject subject, String what) {
        return subject.member() + "_" + what;
    }

    private Optional<RiskContribution> judge(RiskAttempt attempt, Subject subject, String what, Threshold threshold,
            long counted, Duration window) {
        if (counted < threshold.stepUpAfter()) {
            return Optional.empty();
        }
        boolean deny = counted >= threshold.denyAfter();
        String explanation = AttemptWords.of(attempt.action()) + " after "
                + ("failures".equals(what) ? "many failed attempts" : "many attempts in a short time");
        String detail = counted + " " + what + " of the " + subject.member() + " within " + window.toMinutes() + " min";
        return Optional.of(new RiskContribution(name(), counter(subject, what), deny ? DENY_POINTS : STEP_UP_POINTS,
                deny ? RiskOutcome.DENY : RiskOutcome.STEP_UP, explanation, detail));
    }
}
