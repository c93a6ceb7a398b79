package io.biometriccore.risk;

import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The single place where an authentication is allowed or denied after its signature checked out.
 * Engines run in order; the first denial wins.
 */
@Service
public class AuthenticationDecisionPoint {

    private final List<RiskEngine> engines;

    AuthenticationDecisionPoint(List<RiskEngine> engines) {
        this.engines = List.copyOf(engines);
    }

    public RiskDecision decide(AuthenticationAttempt attempt) {
        for (RiskEngine engine : engines) {
            RiskDecision decision = engine.evaluate(attempt);
            if (decision instanceof RiskDecision.Deny) {
                return decision;
            }
        }
        return RiskDecision.allow();
    }
}
