package io.biometriccore.risk.internal;

import static io.biometriccore.risk.internal.TestAttempts.CREDENTIAL;
import static io.biometriccore.risk.internal.TestAttempts.CUSTOMER;
import static io.biometriccore.risk.internal.TestAttempts.signIn;
import static io.biometriccore.risk.internal.TestAttempts.withClient;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.ratelimits.TestVelocity;
import io.biometriccore.ratelimits.Velocity;
import io.biometriccore.risk.RiskAttempt;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.tenancy.RiskOutcome;
import io.biometriccore.tenancy.RiskPolicy;
import io.biometriccore.tenancy.RiskPolicy.Subject;
import io.biometriccore.tenancy.RiskPolicy.Threshold;
import io.biometriccore.testsupport.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class VelocitySignalTests {

    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final MutableClock clock = new MutableClock();
    private final Velocity velocity = TestVelocity.inMemory(clock);
    private final VelocitySignal signal = new VelocitySignal(velocity);

    @Test
    void failuresBelowTheThresholdContributeNothing() {
        fail("customer_failures", CUSTOMER.toString(), 2);

        assertThat(signal.evaluate(signIn(), policy(Subject.CUSTOMER, new Threshold(3, 5), Map.of()))).isEmpty();
    }

    @Test
    void failuresAtStepUpAfterAskForAStepUpAndAtDenyAfterRefuse() {
        RiskPolicy policy = policy(Subject.CUSTOMER, new Threshold(3, 5), Map.of());
        fail("customer_failures", CUSTOMER.toString(), 3);
        assertThat(signal.evaluate(signIn(), policy)).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo("customer_failures");
            assertThat(c.score()).isEqualTo(40);
            assertThat(c.floor()).isEqualTo(RiskOutcome.STEP_UP);
            assertThat(c.explanation()).isEqualTo("a sign-in after many failed attempts");
            assertThat(c.detail()).isEqualTo("3 failures of the customer within 15 min");
        });

        fail("customer_failures", CUSTOMER.toString(), 1);
        assertThat(signal.evaluate(signIn(), policy)).extracting(RiskContribution::score, RiskContribution::floor)
                .containsExactly(Tuple.tuple(40, RiskOutcome.STEP_UP));

        fail("customer_failures", CUSTOMER.toString(), 1);
        assertThat(signal.evaluate(signIn(), policy)).extracting(RiskContribution::score, RiskContribution::floor)
                .containsExactly(Tuple.tuple(80, RiskOutcome.DENY));
    }

    @Test
    void eachSubjectIsNamedByItsOwnReason() {
        fail("credential_failures", CREDENTIAL, 1);
        fail("ip_failures", "203.0.113.7", 1);
        fail("tenant_failures", "bank", 1);
        Threshold one = new Threshold(1, 2);
        RiskPolicy policy = new RiskPolicy(60, 90, "aal2", Map.of(), Map.of(), Set.of(), new RiskPolicy.Velocity(WINDOW,
                Map.of(Subject.CUSTOMER, one, Subject.CREDENTIAL, one, Subject.IP, one, Subject.TENANT, one), Map.of()),
                1000);

        assertThat(signal.evaluate(signIn(), policy)).extracting(RiskContribution::reason)
                .containsExactly("credential_failures", "ip_failures", "tenant_failures");
    }

    @Test
    void attemptsAreCountedAsTheyAreJudgedAndTheThresholdCountsTheEarlierOnes() {
        RiskPolicy policy = policy(Subject.IP, null, Map.of(Subject.IP, new Threshold(2, 3)));

        assertThat(signal.evaluate(signIn(), policy)).isEmpty();
        assertThat(signal.evaluate(signIn(), policy)).isEmpty();
        assertThat(signal.evaluate(signIn(), policy)).extracting(RiskContribution::reason, RiskContribution::floor)
                .containsExactly(Tuple.tuple("ip_attempts", RiskOutcome.STEP_UP));
        assertThat(signal.evaluate(signIn(), policy)).extracting(RiskContribution::reason, RiskContribution::floor)
                .containsExactly(Tuple.tuple("ip_attempts", RiskOutcome.DENY));
        assertThat(velocity.count("ip_attempts", "bank", "203.0.113.7", WINDOW)).isEqualTo(4);
    }

    @Test
    void failuresOutsideTheWindowNoLongerCount() {
        fail("customer_failures", CUSTOMER.toString(), 3);
        clock.advance(WINDOW.multipliedBy(2));

        assertThat(signal.evaluate(signIn(), policy(Subject.CUSTOMER, new Threshold(3, 5), Map.of()))).isEmpty();
    }

    @Test
    void aSubjectTheAttemptLacksIsNotCounted() {
        fail("customer_failures", "null", 5);
        RiskAttempt anonymous = withClient(signIn(), null, null);
        RiskPolicy policy = new RiskPolicy(60, 90, "aal2", Map.of(), Map.of(), Set.of(), new RiskPolicy.Velocity(WINDOW,
                Map.of(Subject.CUSTOMER, new Threshold(1, 2)), Map.of(Subject.IP, new Threshold(1, 2))), 1000);

        assertThat(signal.evaluate(anonymous, policy)).isEmpty();
        assertThat(signal.evaluate(anonymous, policy)).isEmpty();
    }

    private void fail(String counter, String subject, int times) {
        for (int i = 0; i < times; i++) {
            velocity.add(counter, "bank", subject, WINDOW);
        }
    }

    /** Only {@code subject}'s failures, and {@code attempts}. */
    private static RiskPolicy policy(Subject subject, Threshold failures, Map<Subject, Threshold> attempts) {
        Map<Subject, Threshold> failing = failures == null ? Map.of() : Map.of(subject, failures);
        return new RiskPolicy(60, 90, "aal2", Map.of(), Map.of(), Set.of(),
                new RiskPolicy.Velocity(WINDOW, failing, attempts), 1000);
    }
}
