package io.biometriccore.risk.internal;

import static io.biometriccore.risk.internal.TestAttempts.attempt;
import static io.biometriccore.risk.internal.TestAttempts.credential;
import static io.biometriccore.risk.internal.TestAttempts.historyAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.risk.CustomerHistory;
import io.biometriccore.risk.RiskAction;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.tenancy.RiskPolicy;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TimeOfDaySignalTests {

    private final TimeOfDaySignal signal = new TimeOfDaySignal();

    @Test
    void anHourTheCustomerIsNeverActiveAtAddsFifteenPoints() {
        assertThat(evaluate(historyAt(10, 9, 10), "2026-12-01T03:10:00Z")).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo("unusual_hour");
            assertThat(c.score()).isEqualTo(15);
            assertThat(c.detail()).isEqualTo("0 of 20 successes within an hour of 3:00 UTC");
        });
    }

    @Test
    void anHourNextToTheUsualOnesIsUsual() {
        assertThat(evaluate(historyAt(10, 9, 10), "2026-12-01T11:59:00Z")).isEmpty();
        assertThat(evaluate(historyAt(10, 0, 1), "2026-12-01T23:05:00Z")).isEmpty();
    }

    @Test
    void fewerThanTwentySuccessesAreTooFewToJudge() {
        assertThat(evaluate(historyAt(19, 9), "2026-12-01T03:10:00Z")).isEmpty();
    }

    @Test
    void twoPercentNearbyIsNotUnusualAndLessIs() {
        assertThat(evaluate(hours(49, 1), "2026-12-01T03:10:00Z")).isEmpty();
        assertThat(evaluate(hours(50, 1), "2026-12-01T03:10:00Z")).extracting(RiskContribution::reason)
                .containsExactly("unusual_hour");
    }

    /** {@code usual} successes at 12:00 and {@code atThree} at 03:00. */
    private static CustomerHistory hours(long usual, long atThree) {
        Long[] counts = Collections.nCopies(24, 0L).toArray(Long[]::new);
        counts[12] = usual;
        counts[3] = atThree;
        return new CustomerHistory(usual + atThree, TestAttempts.NOW, null, Set.of(), Set.of(), Set.of(), List.of(counts));
    }

    private List<RiskContribution> evaluate(CustomerHistory history, String at) {
        return signal.evaluate(attempt(RiskAction.SIGN_IN, credential(1), 2, TestAttempts.IN_FRANKFURT, null, history,
                Instant.parse(at)), RiskPolicy.defaults());
    }
}
