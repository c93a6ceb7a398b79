package io.biometriccore.risk;

import io.biometriccore.shared.ProblemCode;
import java.util.Objects;

/** The outcome of the decision point: allow, or deny with a stable reason. */
public sealed interface RiskDecision {

    record Allow() implements RiskDecision {
    }

    /** @param reason the problem the caller receives; @param engine which engine denied, for the audit trail */
    record Deny(ProblemCode reason, String engine) implements RiskDecision {
        public Deny {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(engine, "engine");
        }
    }

    static RiskDecision allow() {
        return new Allow();
    }
}
