package io.biometriccore.tenancy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the risk engine answers for an attempt, weakest first (docs/risk.md). */
public enum RiskOutcome {
    /** The attempt goes on as it would without the engine. */
    @JsonProperty("allow") ALLOW,
    /** The attempt needs a fresh authentication at the policy's {@code risk.stepUpAcr} level. */
    @JsonProperty("step_up") STEP_UP,
    /** The attempt is refused ({@code risk_denied}). */
    @JsonProperty("deny") DENY;

    /** {@code step_up}: the name in the policy document, the API and the audit log. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The stricter of the two. */
    public RiskOutcome atLeast(RiskOutcome other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
