package io.biometriccore.risk.internal;

import io.biometriccore.risk.AuthenticationAttempt;
import io.biometriccore.risk.RiskDecision;
import io.biometriccore.risk.RiskEngine;
import io.biometriccore.risk.RiskProblem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Deny by default: only an {@code ACTIVE} credential may sign in. Runs before every other engine. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CredentialStatusRule implements RiskEngine {

    @Override
    public String name() {
        return "credential-status";
    }

    @Override
    public RiskDecision evaluate(AuthenticationAttempt attempt) {
        return RiskProblem.refusing(attempt.credential().status())
                .<RiskDecision>map(problem -> new RiskDecision.Deny(problem, name()))
                .orElseGet(RiskDecision::allow);
    }
}
