package io.biometriccore.ratelimits;

import io.biometriccore.ratelimits.internal.TestCounters;
import io.biometriccore.tenancy.RateLimits;
import java.time.Clock;
import java.util.Optional;

/** A {@link Velocity} on the in-memory counters and a clock the test holds, for unit tests of its users. */
public final class TestVelocity {

    private TestVelocity() {
    }

    /** Every tenant with {@code limits} as its rate limits (their exempt networks). */
    public static Velocity inMemory(Clock clock, RateLimits limits) {
        return new Velocity(TestCounters.memory(), tenantId -> Optional.of(limits), clock);
    }

    public static Velocity inMemory(Clock clock) {
        return inMemory(clock, RateLimits.defaults());
    }
}
