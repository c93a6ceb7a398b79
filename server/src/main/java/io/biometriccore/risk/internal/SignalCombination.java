package io.biometriccore.risk.internal;

import io.biometriccore.risk.RiskAssessment;
import io.biometriccore.risk.RiskAttempt;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.risk.RiskSignal;
import io.biometriccore.tenancy.RiskOutcome;
import io.biometriccore.tenancy.RiskPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The combination rule (docs/risk.md "The decision"): every signal enabled for the action runs; the
 * tenant's {@code risk.scores} and {@code risk.outcomes} replace a reason's points and floor
 * ({@code allow} takes the floor away); the score is the sum of the points, 100 at most; the outcome is
 * the stricter of the score's and every floor. A signal that throws is skipped and reported.
 */
public final class SignalCombination {

    private static final Logger log = LoggerFactory.getLogger(SignalCombination.class);

    private final List<RiskSignal> signals;
    private final Consumer<RiskSignal> failed;

    /** @param failed told of each signal that threw, to count it */
    public SignalCombination(List<RiskSignal> signals, Consumer<RiskSignal> failed) {
        this.signals = List.copyOf(signals);
        this.failed = failed;
    }

    public RiskAssessment assess(RiskAttempt attempt, RiskPolicy policy) {
        List<RiskContribution> found = new ArrayList<>();
        for (RiskSignal signal : signals) {
            if (signal.actions().contains(attempt.action()) && !policy.disabledSignals().contains(signal.name())) {
                found.addAll(evaluate(signal, attempt, policy));
            }
        }
        List<RiskContribution> contributions = found.stream().map(c -> overridden(c, policy)).toList();
        int score = Math.min(100, contributions.stream().mapToInt(RiskContribution::score).sum());
        RiskOutcome outcome = contributions.stream().map(RiskContribution::floor).filter(f -> f != null)
                .reduce(policy.outcomeOf(score), RiskOutcome::atLeast);
        return new RiskAssessment(attempt, outcome, score, policy.stepUpAcr(), contributions);
    }

    private List<RiskContribution> evaluate(RiskSignal signal, RiskAttempt attempt, RiskPolicy policy) {
        try {
            return List.copyOf(signal.evaluate(attempt, policy));
        } catch (RuntimeException e) {
            log.warn("Risk signal {} failed on a {} and was skipped: {}", signal.name(), attempt.action().wireName(),
                    e.getClass().getName());
            failed.accept(signal);
            return List.of();
        }
    }

    private static RiskContribution overridden(RiskContribution c, RiskPolicy policy) {
        int score = policy.scores().getOrDefault(c.reason(), c.score());
        RiskOutcome floor = policy.outcomes().containsKey(c.reason()) ? floorOf(policy.outcomes().get(c.reason()))
                : c.floor();
        return new RiskContribution(c.signal(), c.reason(), score, floor, c.explanation(), c.detail());
    }

    private static @org.jspecify.annotations.Nullable RiskOutcome floorOf(RiskOutcome outcome) {
        return outcome == RiskOutcome.ALLOW ? null : outcome;
    }
}
