package io.biometriccore.risk.internal;

import io.biometriccore.credentials.Credential;
import io.biometriccore.risk.RiskAttempt;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.risk.RiskSignal;
import io.biometriccore.tenancy.RiskPolicy;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A signature counter far ahead of the stored one, short of the regression that blocks the credential
 * (WebAuthn L3 §6.1.1): a copy of the key used many times elsewhere looks like this. A counter that has
 * always been 0 (synced passkeys) says nothing.
 */
@Component
class SignCountSignal implements RiskSignal {

    static final long JUMP = 100_000;

    @Override
    public String name() {
        return "sign_count";
    }

    @Override
    public List<RiskContribution> evaluate(RiskAttempt attempt, RiskPolicy policy) {
        Credential credential = attempt.credential();
        if (credential == null || credential.signCount() == 0 || attempt.signCount() - credential.signCount() <= JUMP) {
            return List.of();
        }
        return List.of(RiskContribution.of(name(), "sign_count_jump", 25,
                AttemptWords.of(attempt.action()) + " with a passkey used unusually often elsewhere",
                "counter " + credential.signCount() + " to " + attempt.signCount()));
    }
}
