package io.biometriccore.tenancy;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A recorded registration, sign-in, step-up or approval decision (docs/policy.md "Dry run").
 *
 * @param outcome {@value PolicyEvaluation#ALLOWED}, or the refusal's problem code
 */
public record PolicyDecision(UUID id, String tenantId, Instant decidedAt, PolicyAction action, String outcome,
        @Nullable UUID customerId, DecisionFacts facts) {

    public PolicyDecision {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(facts, "facts");
    }
}
