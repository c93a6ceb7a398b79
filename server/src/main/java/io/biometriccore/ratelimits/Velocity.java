package io.biometriccore.ratelimits;

import io.biometriccore.ratelimits.internal.ClientAddress;
import io.biometriccore.ratelimits.internal.SlidingCounters;
import io.biometriccore.ratelimits.internal.SubjectHash;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Counts of things per subject in a sliding window, for the risk engine's velocity signal (ADR 0044):
 * failed ceremonies or attempts per customer, credential, address or tenant. They live in the rate
 * limits' store ({@code biometric.rate-limits.store}), so that every node sees the same counts with
 * Redis. A window's count is the sliding-window estimate over two fixed windows: this one's count
 * plus the previous one's, weighted by how much of it the sliding window still covers (rounded up, so
 * that the estimate never undercounts a burst at a window's turn). Subjects are stored as hashes only.
 * A store that fails throws: the caller decides what an unknown count means.
 */
@Service
public class Velocity {

    private static final Pattern COUNTER = Pattern.compile("[a-z][a-z_]{0,47}");

    private final SlidingCounters counters;
    private final Clock clock;

    Velocity(SlidingCounters counters, Clock clock) {
        this.counters = counters;
        this.clock = clock;
    }

    /**
     * Counts one more for {@code subject}.
     *
     * @param counter what is counted, a lower-case code ({@code customer_failures})
     * @return the count in the window, this one included
     */
    public long add(String counter, String tenantId, String subject, Duration window) {
        Windows windows = windows(counter, tenantId, subject, window);
        return windows.estimate(counters.addAndRead(windows.current(), windows.previous(), window.multipliedBy(2)));
    }

    /** The count in the window, without counting. */
    public long count(String counter, String tenantId, String subject, Duration window) {
        Windows windows = windows(counter, tenantId, subject, window);
        return windows.estimate(counters.read(windows.current(), windows.previous()));
    }

    /** The subject a client address counts as: the address, or its /64 for IPv6 (as the rate limits do). */
    public static Optional<String> addressSubject(@Nullable String ip) {
        return ClientAddress.of(ip).map(ClientAddress::key);
    }

    private Windows windows(String counter, String tenantId, String subject, Duration window) {
        if (!COUNTER.matcher(counter).matches() || window.toMillis() < 1000) {
            throw new IllegalArgumentException("counter must be a lower-case code and window a second or more");
        }
        long length = window.toMillis();
        long now = clock.millis();
        String base = "velocity:{" + counter + ":" + tenantId + ":" + SubjectHash.of(subject) + ":"
                + window.toSeconds() + "}:";
        long index = Math.floorDiv(now, length);
        return new Windows(base + index, base + (index - 1), (double) Math.floorMod(now, length) / length);
    }

    private record Windows(String current, String previous, double elapsed) {
        long estimate(long[] counts) {
            return counts[0] + (long) Math.ceil(counts[1] * (1 - elapsed));
        }
    }
}
