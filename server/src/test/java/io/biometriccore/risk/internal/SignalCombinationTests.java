package io.biometriccore.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.risk.CustomerHistory;
import io.biometriccore.risk.Place;
import io.biometriccore.risk.RiskAction;
import io.biometriccore.risk.RiskAssessment;
import io.biometriccore.risk.RiskAttempt;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.risk.RiskSignal;
import io.biometriccore.tenancy.DecisionFacts;
import io.biometriccore.tenancy.RiskOutcome;
import io.biometriccore.tenancy.RiskPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The combination rule: points summed and capped, floors, the tenant's overrides, a failing signal skipped. */
class SignalCombinationTests {

    private static final RiskAttempt ATTEMPT = new RiskAttempt("bank", RiskAction.REGISTER,
            Instant.parse("2026-12-01T12:00:00Z"), UUID.randomUUID(), null,
            DecisionFacts.of(new UUID(0, 0), "none", "none", true, false, false, true, Set.of()), 0, null, null,
            Place.UNKNOWN, null, null, CustomerHistory.NONE);

    private final List<String> failed = new ArrayList<>();

    private static RiskSignal signal(String name, RiskContribution... found) {
        return new RiskSignal() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<RiskContribution> evaluate(RiskAttempt attempt, RiskPolicy policy) {
                return List.of(found);
            }
        };
    }

    private static RiskContribution points(String signal, String reason, int score) {
        return RiskContribution.of(signal, reason, score, "a sign-in the test found risky", null);
    }

    private static RiskPolicy policy(Map<String, Integer> scores, Map<String, RiskOutcome> outcomes, Set<String> off) {
        RiskPolicy d = RiskPolicy.defaults();
        return new RiskPolicy(d.stepUpAbove(), d.denyAbove(), d.stepUpAcr(), scores, outcomes, off, d.velocity(),
                d.maxTravelKmh());
    }

    private RiskAssessment assess(RiskPolicy policy, RiskSignal... signals) {
        return new SignalCombination(List.of(signals), s -> failed.add(s.name())).assess(ATTEMPT, policy);
    }

    @Test
    void sumsThePointsAndTakesTheThresholdsOutcome() {
        RiskAssessment a = assess(RiskPolicy.defaults(), signal("one", points("one", "first", 40)),
                signal("two", points("two", "second", 25)));

        assertThat(a.score()).isEqualTo(65);
        assertThat(a.outcome()).isEqualTo(RiskOutcome.STEP_UP);
        assertThat(a.contributions()).extracting(RiskContribution::reason).containsExactly("first", "second");
        assertThat(a.stepUpAcr()).isEqualTo("aal2");
    }

    @Test
    void capsTheScoreAt100AndDeniesAboveDenyAbove() {
        RiskAssessment a = assess(RiskPolicy.defaults(), signal("one", points("one", "first", 70),
                points("one", "second", 70)));

        assertThat(a.score()).isEqualTo(100);
        assertThat(a.outcome()).isEqualTo(RiskOutcome.DENY);
    }

    @Test
    void aFloorRaisesTheOutcomeWhateverTheScore() {
        RiskAssessment a = assess(RiskPolicy.defaults(), signal("one",
                new RiskContribution("one", "rooted", 5, RiskOutcome.STEP_UP, "a sign-in from a rooted phone", null)));

        assertThat(a.score()).isEqualTo(5);
        assertThat(a.outcome()).isEqualTo(RiskOutcome.STEP_UP);
        assertThat(a.topReason()).map(RiskContribution::reason).contains("rooted");
    }

    @Test
    void theTenantsScoresAndOutcomesReplaceTheSignalsAndAllowTakesAFloorAway() {
        RiskSignal signal = signal("one",
                new RiskContribution("one", "rooted", 50, RiskOutcome.STEP_UP, "a sign-in from a rooted phone", null),
                points("one", "new_place", 10));

        RiskAssessment allowed = assess(policy(Map.of("rooted", 0), Map.of("rooted", RiskOutcome.ALLOW), Set.of()),
                signal);
        RiskAssessment denied = assess(policy(Map.of(), Map.of("new_place", RiskOutcome.DENY), Set.of()), signal);

        assertThat(allowed.score()).isEqualTo(10);
        assertThat(allowed.outcome()).isEqualTo(RiskOutcome.ALLOW);
        assertThat(allowed.contributions()).allSatisfy(c -> assertThat(c.floor()).isNull());
        assertThat(denied.outcome()).isEqualTo(RiskOutcome.DENY);
    }

    @Test
    void aSignalThatThrowsIsSkippedAndCountedAndTheOthersStillDecide() {
        RiskSignal broken = new RiskSignal() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public List<RiskContribution> evaluate(RiskAttempt attempt, RiskPolicy policy) {
                throw new IllegalStateException("the signal's store is down");
            }
        };

        RiskAssessment a = assess(RiskPolicy.defaults(), broken, signal("one", points("one", "first", 65)));

        assertThat(failed).containsExactly("broken");
        assertThat(a.score()).isEqualTo(65);
        assertThat(a.outcome()).isEqualTo(RiskOutcome.STEP_UP);
    }

    @Test
    void aDisabledSignalOrOneForOtherActionsDoesNotRun() {
        RiskSignal approvalsOnly = new RiskSignal() {
            @Override
            public String name() {
                return "approvals";
            }

            @Override
            public List<RiskContribution> evaluate(RiskAttempt attempt, RiskPolicy policy) {
                return List.of(points("approvals", "synced", 95));
            }

            @Override
            public Set<RiskAction> actions() {
                return EnumSet.of(RiskAction.APPROVE_TRANSACTION);
            }
        };

        RiskAssessment a = assess(policy(Map.of(), Map.of(), Set.of("off")), approvalsOnly,
                signal("off", points("off", "first", 95)));

        assertThat(a.score()).isZero();
        assertThat(a.outcome()).isEqualTo(RiskOutcome.ALLOW);
        assertThat(a.contributions()).isEmpty();
    }
}
