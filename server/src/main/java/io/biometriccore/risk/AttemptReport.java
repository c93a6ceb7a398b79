package io.biometriccore.risk;

import org.jspecify.annotations.Nullable;

/**
 * The body of an options request that has nothing else to say: what it reports of the attempt.
 *
 * @param context the bank's signed context (docs/risk.md "The bank's context")
 * @param posture what the app says of its device, unsigned
 */
public record AttemptReport(@Nullable String context, @Nullable PostureClaim posture) {
}
