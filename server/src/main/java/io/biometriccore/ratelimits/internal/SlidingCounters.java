package io.biometriccore.ratelimits.internal;

import java.time.Duration;

/**
 * Where the velocity counters live, beside the token buckets in the same store: one count per key,
 * created at zero, forgotten {@code ttl} after it was first counted. A window's counter is two
 * of them, this window's and the one before ({@code io.biometriccore.ratelimits.Velocity}).
 */
public interface SlidingCounters {

    /** Adds one to {@code current} and reads {@code previous}, in one step of the store: {current, previous}. */
    long[] addAndRead(String current, String previous, Duration ttl);

    /** Reads both: {current, previous}. */
    long[] read(String current, String previous);
}
