package io.biometriccore.ratelimits.internal;

/** The in-memory velocity counters, for tests outside this package. */
public final class TestCounters {

    private TestCounters() {
    }

    public static SlidingCounters memory() {
        return new MemorySlidingCounters(10_000);
    }
}
