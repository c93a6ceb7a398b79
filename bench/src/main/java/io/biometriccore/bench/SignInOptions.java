package io.biometriccore.bench;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Scenario#SIGNIN} and {@link Scenario#APPROVE} options.
 *
 * @param customers   how many customers {@code bin/seed} created; each sign-in picks one of them at random,
 *                    each approve client one per level
 * @param seed        the seed they were created with
 * @param concurrency the client counts to measure, one after another
 * @param warmup      how long each level runs before it is measured
 * @param duration    how long each level is measured
 * @param serverPid   the server's process, whose CPU time and RSS the report shows; null: the
 *                    process listening on the URL's port
 */
public record SignInOptions(long customers, long seed, List<Integer> concurrency, Duration warmup, Duration duration,
        @Nullable Long serverPid) {

    public SignInOptions {
        concurrency = List.copyOf(Objects.requireNonNull(concurrency, "concurrency"));
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(duration, "duration");
        if (customers < 1) {
            throw new IllegalArgumentException("--customers must be at least 1");
        }
        if (concurrency.isEmpty() || concurrency.stream().anyMatch(c -> c < 1)) {
            throw new IllegalArgumentException("--concurrency must list client counts of at least 1");
        }
        if (warmup.isNegative() || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--duration must be positive and --warmup not negative");
        }
    }
}
