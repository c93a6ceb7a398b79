package io.biometriccore.risk.internal;

import static io.biometriccore.risk.internal.TestAttempts.attempt;
import static io.biometriccore.risk.internal.TestAttempts.credential;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.risk.CustomerHistory;
import io.biometriccore.risk.RiskAction;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.tenancy.RiskPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignCountSignalTests {

    private final SignCountSignal signal = new SignCountSignal();

    @Test
    void aJumpOfMoreThanAHundredThousandAddsTwentyFivePoints() {
        assertThat(evaluate(500, 100_501)).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo("sign_count_jump");
            assertThat(c.score()).isEqualTo(25);
            assertThat(c.detail()).isEqualTo("counter 500 to 100501");
        });
    }

    @Test
    void aJumpOfExactlyAHundredThousandIsNotAnomalous() {
        assertThat(evaluate(500, 100_500)).isEmpty();
    }

    @Test
    void aStoredCounterOfZeroSaysNothing() {
        assertThat(evaluate(0, 4_000_000)).isEmpty();
    }

    @Test
    void aRegistrationHasNoStoredCounter() {
        assertThat(signal.evaluate(attempt(RiskAction.REGISTER, null, 0, TestAttempts.IN_FRANKFURT, null,
                CustomerHistory.NONE, TestAttempts.NOW), RiskPolicy.defaults())).isEmpty();
    }

    private List<RiskContribution> evaluate(long stored, long presented) {
        return signal.evaluate(attempt(RiskAction.SIGN_IN, credential(stored), presented, TestAttempts.IN_FRANKFURT, null,
                CustomerHistory.NONE, TestAttempts.NOW), RiskPolicy.defaults());
    }
}
