package io.biometriccore.ratelimits;

import io.biometriccore.ratelimits.internal.TestCounters;
import java.time.Clock;

/** A {@link Velocity} on the in-memory counters and a clock the test holds, for unit tests of its users. */
public final class TestVelocity {

    private TestVelocity() {
    }

    public static Velocity inMemory(Clock clock) {
        return new Velocity(TestCounters.memory(), clock);
    }
}
