package io.biometriccore.risk;

import io.biometriccore.tenancy.RiskPolicy;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One thing the risk engine looks at (the SPI, docs/risk.md "Writing a signal"). The built-in signals
 * are Spring beans; a third party's are found with {@link java.util.ServiceLoader} (a class with a
 * public no-argument constructor, named in {@code META-INF/services/io.biometriccore.risk.RiskSignal}).
 * A signal must be quick and must not block on the network: it runs in every ceremony, on the request's
 * thread, before the answer. One that throws is skipped and its failure counted
 * ({@code biometric.risk.signal.failures}); the attempt is judged on the others.
 */
public interface RiskSignal {

    /** A short stable lower-case code ({@code velocity}); the tenant's {@code risk.disabledSignals} names it. */
    String name();

    /** What the signal finds in the attempt: nothing, or one or more contributions, each with its reason. */
    List<RiskContribution> evaluate(RiskAttempt attempt, RiskPolicy policy);

    /** The ceremonies the signal judges; all of them unless it says otherwise. */
    default Set<RiskAction> actions() {
        return EnumSet.allOf(RiskAction.class);
    }
}
