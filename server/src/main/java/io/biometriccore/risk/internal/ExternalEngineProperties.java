package io.biometriccore.risk.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code biometric.risk.external}: the calls to the tenants' external risk engines (docs/risk.md "The
 * external engine's contract", ADR 0046). Each tenant's engine has a circuit breaker of its own, on each
 * node: once {@code failureRateThreshold} percent of the last {@code slidingWindow} calls (and at least
 * {@code minimumCalls}) failed, no call is made for {@code waitInOpenState}, then {@code halfOpenCalls}
 * trial calls decide whether it closes again. Invalid settings stop the server at start-up.
 *
 * @param allowHttp plain {@code http://} engine URLs are accepted; true only in the quick start and tests
 */
@ConfigurationProperties(prefix = "biometric.risk.external")
public record ExternalEngineProperties(@DefaultValue("false") boolean allowHttp,
        @DefaultValue("50") int failureRateThreshold, @DefaultValue("10") int minimumCalls,
        @DefaultValue("20") int slidingWindow, @DefaultValue("PT30S") Duration waitInOpenState,
        @DefaultValue("3") int halfOpenCalls) {

    public ExternalEngineProperties {
        if (failureRateThreshold < 1 || failureRateThreshold > 100) {
            throw new IllegalArgumentException("biometric.risk.external.failure-rate-threshold must be 1 to 100");
        }
        if (minimumCalls < 1 || slidingWindow < minimumCalls || halfOpenCalls < 1) {
            throw new IllegalArgumentException("biometric.risk.external: minimum-calls and half-open-calls must be"
                    + " at least 1, and sliding-window at least minimum-calls");
        }
        if (waitInOpenState == null || waitInOpenState.isNegative() || waitInOpenState.isZero()) {
            throw new IllegalArgumentException("biometric.risk.external.wait-in-open-state must be a positive duration");
        }
    }
}
