package io.biometriccore.tenancy;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code risk} member of the tenant's policy document (docs/risk.md, {@code api/policy.schema.json}):
 * the thresholds that turn a score into an outcome, and what the tenant changed of the signals.
 *
 * @param stepUpAbove     a score above it asks for a step-up
 * @param denyAbove       a score above it refuses; not below {@code stepUpAbove}
 * @param stepUpAcr       the assurance level a step-up must reach
 * @param scores          points by reason code, in place of the signal's own
 * @param outcomes        the least outcome by reason code, in place of the signal's own; {@code allow}
 *                        takes a signal's floor away. A claimed posture's reasons ({@code *_claimed}) take none
 * @param disabledSignals the signals the tenant turned off, by name
 * @param velocity        the windows and counts of the velocity signal
 * @param maxTravelKmh    the geo-velocity signal: a speed between two successive attempts above it is
 *                        impossible travel
 * @param appIntegrity    the app integrity signal: the least outcome, by action, of an attempt from a device
 *                        without a verified app attestation or whose last one was refused; an action left
 *                        out is {@code allow}. Not for {@link PolicyAction#REGISTER}: no device is there yet
 */
public record RiskPolicy(int stepUpAbove, int denyAbove, String stepUpAcr, Map<String, Integer> scores,
        Map<String, RiskOutcome> outcomes, Set<String> disabledSignals, Velocity velocity, int maxTravelKmh,
        Map<PolicyAction, RiskOutcome> appIntegrity) {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,47}");

    /** What the velocity signal counts, by subject: {@code customer}, {@code credential}, {@code ip}, {@code tenant}. */
    public enum Subject {
        CUSTOMER, CREDENTIAL, IP, TENANT;

        public String member() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * After {@code stepUpAfter} counted in the window the next attempt needs a step-up; after
     * {@code denyAfter} it is refused.
     */
    public record Threshold(int stepUpAfter, int denyAfter) {
        public Threshold {
            if (stepUpAfter < 1 || denyAfter < stepUpAfter || denyAfter > 1_000_000) {
                throw new IllegalArgumentException("stepUpAfter must be 1 or more and denyAfter at least stepUpAfter");
            }
        }
    }

    /**
     * @param window   the sliding window the counts are over
     * @param failures failed ceremonies, by subject
     * @param attempts attempts that reached the engine, by subject
     */
    public record Velocity(Duration window, Map<Subject, Threshold> failures, Map<Subject, Threshold> attempts) {
        public Velocity {
            Objects.requireNonNull(window, "window");
            failures = Map.copyOf(Objects.requireNonNull(failures, "failures"));
            attempts = Map.copyOf(Objects.requireNonNull(attempts, "attempts"));
            if (window.compareTo(Duration.ofMinutes(1)) < 0 || window.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("velocity.window must be 1 minute to 1 day");
            }
        }

        public static Velocity defaults() {
            return new Velocity(Duration.ofMinutes(15),
                    Map.of(Subject.CUSTOMER, new Threshold(3, 6), Subject.CREDENTIAL, new Threshold(3, 6),
                            Subject.IP, new Threshold(10, 30), Subject.TENANT, new Threshold(10_000, 100_000)),
                    Map.of(Subject.CUSTOMER, new Threshold(20, 60), Subject.CREDENTIAL, new Threshold(20, 60),
                            Subject.IP, new Threshold(100, 300)));
        }
    }

    public RiskPolicy {
        Objects.requireNonNull(stepUpAcr, "stepUpAcr");
        scores = Map.copyOf(Objects.requireNonNull(scores, "scores"));
        outcomes = Map.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
        disabledSignals = Set.copyOf(Objects.requireNonNull(disabledSignals, "disabledSignals"));
        Objects.requireNonNull(velocity, "velocity");
        appIntegrity = Map.copyOf(Objects.requireNonNull(appIntegrity, "appIntegrity"));
        if (appIntegrity.containsKey(PolicyAction.REGISTER)) {
            throw new IllegalArgumentException("appIntegrity has no register: a registering device has no attestation yet");
        }
        if (stepUpAbove < 0 || denyAbove > 100 || denyAbove < stepUpAbove) {
            throw new IllegalArgumentException("0 <= stepUpAbove <= denyAbove <= 100");
        }
        if (maxTravelKmh < 1 || maxTravelKmh > 100_000) {
            throw new IllegalArgumentException("maxTravelKmh must be 1 to 100000");
        }
        scores.forEach((reason, points) -> {
            if (!CODE.matcher(reason).matches() || points < 0 || points > 100) {
                throw new IllegalArgumentException("scores." + reason + " must be a reason code with 0 to 100 points");
            }
        });
        outcomes.keySet().forEach(reason -> {
            if (!CODE.matcher(reason).matches() || reason.endsWith("_claimed")) {
                throw new IllegalArgumentException("outcomes." + reason
                        + " must be a reason code, and a claimed posture's reasons only add points");
            }
        });
    }

    /** A policy whose app integrity signal asks nothing of any action. */
    public RiskPolicy(int stepUpAbove, int denyAbove, String stepUpAcr, Map<String, Integer> scores,
            Map<String, RiskOutcome> outcomes, Set<String> disabledSignals, Velocity velocity, int maxTravelKmh) {
        this(stepUpAbove, denyAbove, stepUpAcr, scores, outcomes, disabledSignals, velocity, maxTravelKmh, Map.of());
    }

    public static RiskPolicy defaults() {
        return new RiskPolicy(60, 90, "aal2", Map.of(), Map.of(), Set.of(), Velocity.defaults(), 1000);
    }

    /** What the app integrity signal asks of an attempt of {@code action}: {@code allow} unless the tenant said. */
    public RiskOutcome appIntegrityOf(PolicyAction action) {
        return appIntegrity.getOrDefault(action, RiskOutcome.ALLOW);
    }

    /** The outcome a score reaches by the thresholds alone. */
    public RiskOutcome outcomeOf(int score) {
        return score > denyAbove ? RiskOutcome.DENY : score > stepUpAbove ? RiskOutcome.STEP_UP : RiskOutcome.ALLOW;
    }
}
