package io.biometriccore.risk;

import io.biometriccore.tenancy.RiskOutcome;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The risk engine's answer for one attempt (docs/risk.md "The decision"): the outcome, the score it
 * came from and every contribution that made it, so that the decision can be explained to the customer,
 * the analyst and the auditor.
 *
 * @param attempt       what the signals saw
 * @param outcome       the stricter of the score's outcome and every contribution's floor
 * @param score         the sum of the points, 100 at most
 * @param stepUpAcr     the level a step-up must reach, the tenant's {@code risk.stepUpAcr}
 * @param contributions what the signals found, after the tenant's overrides, highest points first
 */
public record RiskAssessment(RiskAttempt attempt, RiskOutcome outcome, int score, String stepUpAcr,
        List<RiskContribution> contributions) {

    public RiskAssessment {
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(stepUpAcr, "stepUpAcr");
        contributions = contributions.stream()
                .sorted(Comparator.comparingInt(RiskContribution::score).reversed()).toList();
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("score must be 0 to 100");
        }
    }

    /** Whether the attempt must step up to {@link #stepUpAcr()}. */
    public boolean stepUp() {
        return outcome == RiskOutcome.STEP_UP;
    }

    /**
     * Whether the attempt succeeds only with a restricted session until it steps up: a sign-in or a
     * cross-channel approval asked to step up (docs/risk.md "Outcomes"). Such a success vouches for
     * nothing yet, so the customer's history does not learn from it.
     */
    public boolean restrictsTheSession() {
        RiskAction action = attempt.action();
        return stepUp() && (action == RiskAction.SIGN_IN || action == RiskAction.CROSS_CHANNEL_APPROVAL);
    }

    /** The contribution that weighed most: one with a floor at the outcome first, else the most points. */
    public Optional<RiskContribution> topReason() {
        return contributions.stream().filter(c -> c.floor() == outcome).findFirst()
                .or(() -> contributions.stream().findFirst());
    }
}
