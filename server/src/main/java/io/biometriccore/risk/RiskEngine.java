package io.biometriccore.risk;

/**
 * A pluggable risk or policy engine (SPI). Every Spring bean of this type is consulted, in
 * {@link org.springframework.core.annotation.Order} order, and the first {@link RiskDecision.Deny} wins.
 */
public interface RiskEngine {

    /** A short stable name, recorded with its denials. */
    String name();

    RiskDecision evaluate(AuthenticationAttempt attempt);
}
