package io.biometriccore.risk;

import io.biometriccore.tenancy.RiskOutcome;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What one signal found in an attempt: points towards the score, and at times an outcome the attempt
 * gets at the least, whatever the score. The tenant's policy may change either, by {@code reason}
 * ({@code risk.scores}, {@code risk.outcomes}).
 *
 * @param signal      the {@link RiskSignal#name()} that found it
 * @param reason      a stable code, unique across signals ({@code impossible_travel}), for the API, the
 *                    audit log and the policy
 * @param score       0 to 100 points
 * @param floor       the least outcome the attempt gets for this finding; null when only the points count
 * @param explanation what happened in words a customer understands, a noun phrase that completes
 *                    "... was asked to confirm" ({@code a sign-in from a new country})
 * @param detail      what an analyst needs to judge it ({@code 9012 km in 58 min}); no IP address, token
 *                    or credential material
 */
public record RiskContribution(String signal, String reason, int score, @Nullable RiskOutcome floor,
        String explanation, @Nullable String detail) {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,47}");

    public RiskContribution {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(explanation, "explanation");
        if (!CODE.matcher(signal).matches() || !CODE.matcher(reason).matches()) {
            throw new IllegalArgumentException("signal and reason must be lower-case codes of 1 to 48 characters");
        }
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("score must be 0 to 100");
        }
        if (explanation.isBlank() || explanation.length() > 200 || (detail != null && detail.length() > 200)) {
            throw new IllegalArgumentException("explanation must be 1 to 200 characters, and detail 200 at most");
        }
    }

    /** Points only. */
    public static RiskContribution of(String signal, String reason, int score, String explanation,
            @Nullable String detail) {
        return new RiskContribution(signal, reason, score, null, explanation, detail);
    }
}
